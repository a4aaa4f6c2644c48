import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "./fixtures";
import { PDF, PNG } from "./journey-helpers";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
}

test("a customer opens a ticket in IT with two attachments, sees the number, and both are listed and download", async ({ page }) => {
  const subject = `Printer error with screenshots (${Date.now()})`;
  await signIn(page, "customer@example.com");
  await page.goto("/portal/tickets/new");
  await page.getByLabel("Department").selectOption({ label: "IT" });
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message").fill("The printer shows an error; a screenshot and the log are attached.");
  await page.getByLabel("Attach files").setInputFiles([
    { name: "screenshot.png", mimeType: "image/png", buffer: PNG },
    { name: "printer-log.pdf", mimeType: "application/pdf", buffer: PDF },
  ]);
  const chosen = page.getByRole("list", { name: "Attached files" });
  await expect(chosen.getByText("Attached", { exact: true })).toHaveCount(2);
  await page.getByRole("button", { name: "Create ticket" }).click();

  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText(/Your ticket number is \d+/)).toBeVisible();
  for (const [name, bytes] of [
    ["screenshot.png", PNG],
    ["printer-log.pdf", PDF],
  ] as const) {
    const link = page.getByRole("link", { name: new RegExp(name.replace(".", "\\.")) });
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect((await readFile(await download.path())).equals(bytes)).toBe(true);
  }
});

test("a script disguised as an image is refused with the server's reason and blocks sending until removed", async ({ page }) => {
  await signIn(page, "customer@example.com");
  const href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
  await page.goto(href!);
  await page.getByLabel("Your reply").fill("Here is the picture you asked for.");
  await page.getByLabel("Attach files").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<script>alert(1)</script>") });
  const chosen = page.getByRole("list", { name: "Attached files" });
  await expect(chosen.getByText(/named like a PNG image, but it is a web page or script/)).toBeVisible();

  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Remove the files that could not be attached" })).toBeVisible();
  await page.getByRole("button", { name: "Remove photo.png" }).click();
  await expect(chosen).toHaveCount(0);
  await expect(page.getByLabel("Attach files")).toBeFocused();
});

test("an agent's reply carries an attachment that the customer sees on the reply and downloads", async ({ browser }) => {
  const subject = `VPN drops every hour (${Date.now()})`;
  const customer = await (await browser.newContext()).newPage();
  await signIn(customer, "customer@example.com");
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("The VPN disconnects every hour.");
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, "agent@example.com");
  await agent.getByLabel("Queue").selectOption({ label: "IT" });
  await agent.getByRole("link", { name: subject }).click();
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill("Please follow the attached steps.");
  await agent.getByRole("tabpanel", { name: "Reply to customer" }).getByLabel("Attach files").setInputFiles({ name: "vpn-steps.txt", mimeType: "text/plain", buffer: Buffer.from("1. Update the client\n2. Restart\n") });
  await expect(agent.getByRole("list", { name: "Attached files" }).getByText("Attached", { exact: true })).toBeVisible();
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();
  await expect(agent.getByRole("list", { name: "Attached files" })).toHaveCount(0);

  await customer.reload();
  const reply = customer.getByRole("article").filter({ hasText: "Please follow the attached steps." });
  const link = reply.getByRole("link", { name: /vpn-steps\.txt/ });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([customer.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("vpn-steps.txt");
  expect(await readFile(await download.path(), "utf8")).toBe("1. Update the client\n2. Restart\n");
});
