import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, withDatabase } from "./journey-helpers";

const AGENT = "agent@example.com";

test.afterEach(async () => {
  await withDatabase((sql) => sql`update users set time_zone = 'UTC' where email = ${AGENT}`);
});

test("a pending time is read in the agent's profile zone (Warsaw), not the browser's (New York)", async ({ browser }) => {
  await withDatabase((sql) => sql`update users set time_zone = 'Europe/Warsaw' where email = ${AGENT}`);
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(AGENT);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/tickets$/);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/New_York");

  const title = `Call back after the holidays (${Date.now()})`;
  await page.goto("/agent/tickets/new");
  await page.getByLabel("Phone call").check();
  await page.getByLabel("Queue").selectOption({ label: "IT" });
  await page.getByLabel("Customer's e-mail address").fill("customer@example.com");
  await page.getByLabel("Subject").fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill("Please call back in July.");
  await page.getByRole("button", { name: "Create ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByRole("textbox", { name: "Reply", exact: true }).fill("We will call you back.");
  await page.getByLabel("State after sending").first().selectOption({ label: "Pending reminder" });
  // 10:00 on 15 July 2031 in Warsaw (CEST, +02:00) is 08:00 UTC; in New York it would be 14:00 UTC.
  await page.getByLabel("Pending until").first().fill("2031-07-15T10:00");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Reply sent")).toBeVisible();

  const [row] = await withDatabase((sql) => sql<{ pending_until: Date }[]>`select pending_until from tickets where title = ${title}`);
  expect(row?.pending_until.toISOString()).toBe("2031-07-15T08:00:00.000Z");
  // And the zoom shows it back as 10:00, in the profile's zone.
  await expect(page.getByRole("region", { name: "Details" })).toContainText(/10:00|10:00\s?AM/);
  await context.close();
});
