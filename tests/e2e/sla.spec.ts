import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { signedIn, withDatabase } from "./journey-helpers";

/** The desk's test clock (tests/e2e/server.ts): web servers and the SLA worker read this offset. */
const clockFile = path.resolve(`.test-data/e2e/clock-${process.env.E2E_PORT ?? "3100"}`);
const moveClock = (ms: number) => writeFileSync(clockFile, `${ms}\n`);

test.afterEach(() => moveClock(0));

test("an admin's calendar and SLA on a service give a portal ticket a deadline; past it, the ticket is escalated and the agent is notified", async ({ browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const calendar = `Round the clock ${stamp}`;
  const slaName = `Printing SLA ${stamp}`;
  const service = `Printing ${stamp}`;
  const subject = `Printer jams on every page (${stamp})`;
  await withDatabase(async (sql) => {
    await sql`insert into services (name) values (${service})`;
    await sql`insert into settings (key, value) values ('portal.customer_may_choose_service', 'true'::jsonb) on conflict (key) do update set value = 'true'::jsonb`;
  });

  // The admin makes a calendar that works every hour of every day…
  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin/calendars");
  await admin.getByRole("button", { name: "New calendar" }).click();
  const calendarDialog = admin.getByRole("dialog", { name: "New calendar" });
  await calendarDialog.getByRole("textbox", { name: "Name", exact: true }).fill(calendar);
  await calendarDialog.getByLabel("Time zone").selectOption("UTC");
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    const from = calendarDialog.getByRole("textbox", { name: `${day}, interval 1: from` });
    if ((await from.count()) === 0) await calendarDialog.getByRole("group", { name: day }).getByRole("button", { name: "Add interval" }).click();
    await from.fill("00:00");
    await calendarDialog.getByRole("textbox", { name: `${day}, interval 1: to` }).fill("24:00");
  }
  await calendarDialog.getByRole("button", { name: "Create" }).click();
  await expect(calendarDialog).toBeHidden();
  await expect(admin.getByRole("cell", { name: calendar, exact: true })).toBeVisible();

  // …and an SLA in it: a first response within 30 working minutes, for the printing service.
  await admin.goto("/admin/slas");
  await admin.getByRole("button", { name: "New SLA" }).click();
  const slaDialog = admin.getByRole("dialog", { name: "New SLA" });
  await slaDialog.getByRole("textbox", { name: "Name", exact: true }).fill(slaName);
  await slaDialog.getByLabel("First response (minutes)").fill("30");
  await slaDialog.getByLabel("Calendar").selectOption({ label: calendar });
  await slaDialog.getByRole("checkbox", { name: service }).check();
  await slaDialog.getByRole("button", { name: "Create" }).click();
  await expect(slaDialog).toBeHidden();
  await expect(admin.getByRole("row", { name: new RegExp(slaName) })).toContainText(service);

  // A customer asks for help with printing in the portal.
  const customer = await signedIn(browser, "customer@example.com");
  await expect(async () => {
    await customer.goto("/portal/tickets/new");
    await expect(customer.getByLabel("Service")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Service").selectOption({ label: service });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("Every page comes out crumpled.");
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const ticketId = /\/portal\/tickets\/(\d+)/.exec(customer.url())![1];
  // The customer sees nothing of the deadline unless the admin allows it.
  await expect(customer.getByTestId("expected-answer")).toHaveCount(0);

  // The agent's zoom shows the SLA and its first-response deadline, about half an hour away.
  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto(`/agent/tickets/${ticketId}`);
  const card = agent.getByRole("region", { name: `SLA: ${slaName}` });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("sla-deadlines")).toContainText("First response");
  await expect(card.getByTestId("sla-deadlines")).toContainText(/0h (29|30)m working time left/);

  // Forty minutes later (the desk's test clock), the deadline has passed.
  moveClock(40 * 60_000);
  // The dashboard's escalated section counts it; its full list (the demo desk has older escalations
  // that the section's first rows show) has it on top, the latest to escalate.
  await agent.goto("/agent");
  const escalated = agent.getByTestId("dashboard-escalated");
  await expect(escalated).toBeVisible();
  await escalated.getByRole("link", { name: "Show all" }).click();
  await expect(agent).toHaveURL(/esc=escalated/);
  await expect(agent.getByRole("link", { name: subject }).first()).toBeVisible();

  // The SLA worker's sweep tells the agent watching the IT queue, through the escalation rule.
  const bell = agent.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(async () => {
    await agent.reload();
    await bell.click({ timeout: 2_000 });
    await expect(agent.getByRole("link", { name: `Escalated: ${subject}` })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 180_000 });
  await agent.getByRole("link", { name: `Escalated: ${subject}` }).click();
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent.getByRole("region", { name: `SLA: ${slaName}` })).toContainText("overdue");
});
