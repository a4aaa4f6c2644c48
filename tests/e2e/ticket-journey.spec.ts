import { expect, test, type Browser, type Page } from "./fixtures";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
  return page;
}

test("a customer opens a ticket, an agent sees it and replies, and the customer sees the reply", async ({ browser }) => {
  const stamp = Date.now();
  const subject = `Printer on floor 2 shows E42 (${stamp})`;
  const answer = `A technician will replace the fuser today (${stamp}).`;

  // The customer opens a ticket in the IT department and gets its number at once.
  const customer = await signedIn(browser, "customer@example.com");
  await customer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New ticket" }).click();
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("Since this morning the printer only blinks and shows error E42.");
  await customer.getByRole("button", { name: "Create ticket" }).click();
  const confirmation = customer.getByRole("status").filter({ hasText: "Your ticket number is" });
  await expect(confirmation).toBeVisible();
  const number = (await confirmation.textContent())?.match(/\d{16}/)?.[0];
  expect(number).toBeTruthy();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  // The agent finds it in the IT queue, opens it and replies.
  const agent = await signedIn(browser, "agent@example.com");
  await agent.getByLabel("Queue").selectOption({ label: "IT" });
  await expect(agent).toHaveURL(/queue=\d+/);
  await agent.getByRole("link", { name: subject }).click();
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent.getByRole("main").getByText(`#${number}`)).toBeVisible();
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(answer);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();
  await expect(agent.getByRole("article").filter({ hasText: answer })).toBeVisible();

  // The customer sees the answer on the ticket page.
  await customer.reload();
  const reply = customer.getByRole("article").filter({ hasText: answer });
  await expect(reply).toBeVisible();
  await expect(reply).toContainText("Alex Agent");
  await expect(customer.getByText("Internal note")).toHaveCount(0);
});

test("an agent's internal note stays hidden from the customer", async ({ browser }) => {
  const stamp = Date.now();
  const subject = `VPN drops every hour (${stamp})`;
  const note = `Probably the old client version (${stamp}).`;

  const customer = await signedIn(browser, "customer@example.com");
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("The VPN disconnects every hour.");
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Your ticket number is" })).toBeVisible();
  const ticketPath = new URL(customer.url()).pathname;

  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto(ticketPath.replace("/portal/", "/agent/"));
  await agent.getByRole("tab", { name: "Internal note" }).click();
  await agent.getByRole("textbox", { name: "Note", exact: true }).fill(note);
  await agent.getByRole("button", { name: "Add note" }).click();
  const shown = agent.getByRole("article").filter({ hasText: note });
  await expect(shown).toBeVisible();
  await expect(shown).toContainText("Internal note");

  await customer.reload();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(customer.getByText(note)).toHaveCount(0);
});

test("a stale ticket version shows the conflict and a reload fixes it", async ({ browser }) => {
  const agent = await signedIn(browser, "agent@example.com");
  const other = await signedIn(browser, "admin@example.com");
  await agent.getByLabel("Queue").selectOption({ label: "IT" });
  await agent.getByRole("table").getByRole("link").first().click();
  await agent.waitForURL(/\/agent\/tickets\/\d+$/);
  const path = new URL(agent.url()).pathname;
  // Live updates would refresh the agent's page before the click; cut them off so the agent's
  // copy stays stale, as it is when the change lands between the refresh and the click.
  await agent.route("**/api/trpc/live.events**", (route) => route.abort());
  await agent.goto(path);
  await expect(agent.getByRole("region", { name: "Priority" })).toBeVisible();

  // Someone else changes the priority after the agent opened the ticket.
  await other.goto(path);
  const otherPriority = other.getByRole("region", { name: "Priority" }).getByLabel("Priority");
  const current = await otherPriority.inputValue();
  const options = await otherPriority.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  await otherPriority.selectOption(options.find((v) => v !== current) ?? current);
  await other.getByRole("button", { name: "Set priority" }).click();
  await expect(other.getByText(/Priority set to/)).toBeVisible();

  // The agent's change is refused with the server's explanation and a way out.
  const mine = agent.getByRole("region", { name: "Priority" }).getByLabel("Priority");
  const mineOptions = await mine.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  await mine.selectOption(mineOptions.find((v) => v !== current) ?? current);
  await agent.getByRole("button", { name: "Set priority" }).click();
  const conflict = agent.getByRole("status").filter({ hasText: "This ticket has changed" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Someone else changed this ticket");
  await conflict.getByRole("button", { name: "Reload ticket" }).click();
  await expect(conflict).toHaveCount(0);
});
