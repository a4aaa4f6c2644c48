import { expect, test, type Browser, type Page } from "./fixtures";

async function signedInAgent(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("agent@example.com");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/tickets$/);
  return page;
}

/** A phone ticket for the demo customer in IT, opened through the new-ticket form; returns its number. */
async function phoneTicket(page: Page, title: string, body: string): Promise<string> {
  await page.goto("/agent/tickets/new");
  await page.getByLabel("Phone call").check();
  await page.getByLabel("Queue").selectOption({ label: "IT" });
  await page.getByLabel("Customer's e-mail address").fill("customer@example.com");
  await page.getByLabel("Subject").fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill(body);
  await page.getByRole("button", { name: "Create ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const number = (await page.getByRole("main").getByText(/#\d{16}/).first().textContent())?.match(/\d{16}/)?.[0];
  expect(number).toBeTruthy();
  return number!;
}

async function inDialog(page: Page, action: string, fill: (dialog: ReturnType<Page["getByRole"]>) => Promise<unknown>, submit = action) {
  await page.getByRole("toolbar", { name: "Ticket actions" }).getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole("button", { name: submit, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("an agent replies with a template and the queue's signature, leaving the ticket pending until a chosen time", async ({ browser }) => {
  const stamp = Date.now();
  const agent = await signedInAgent(browser);
  const number = await phoneTicket(agent, `Laptop will not boot (${stamp})`, "The caller's laptop shows a black screen.");

  await agent.getByLabel("Template").first().selectOption({ label: "Thanks, looking into it" });
  await agent.getByRole("button", { name: "Insert", exact: true }).first().click();
  const reply = agent.getByRole("textbox", { name: "Reply", exact: true });
  await expect(reply).toHaveValue(new RegExp(`about ticket ${number}\\.`));

  await agent.getByLabel("State after sending").first().selectOption({ label: "Pending reminder" });
  await agent.getByLabel("Pending until").first().fill("2031-03-04T09:30");
  await agent.getByLabel("Time spent (minutes)").first().fill("12");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();

  const sent = agent.getByRole("article").filter({ hasText: `about ticket ${number}.` });
  await expect(sent).toContainText("Dear Carla Customer,");
  await expect(sent).toContainText("Kind regards,");
  await expect(sent).toContainText("IT · Example Help Desk");
  const header = agent.getByRole("main");
  await expect(header.getByText("Pending reminder").first()).toBeVisible();
  await expect(agent.getByRole("region", { name: "Details" }).getByText("Pending until")).toBeVisible();
  await expect(agent.getByRole("region", { name: "Links and time" })).toContainText("12 minutes");
});

test("an agent notes, links, splits, moves and merges tickets from the zoom", async ({ browser }) => {
  const stamp = Date.now();
  const agent = await signedInAgent(browser);
  const target = await phoneTicket(agent, `Mail quota full (${stamp})`, "The mailbox is full.");
  const targetUrl = agent.url();
  const source = await phoneTicket(agent, `Mailbox full again (${stamp})`, "Same caller: the mailbox is full again.");
  expect(source).not.toBe(target);

  // A note stays on the ticket, marked internal.
  const note = `Quota raised to 5 GB last month (${stamp}).`;
  await agent.getByRole("tab", { name: "Internal note" }).click();
  await agent.getByRole("textbox", { name: "Note", exact: true }).fill(note);
  await agent.getByRole("button", { name: "Add note" }).click();
  await expect(agent.getByRole("article").filter({ hasText: note })).toContainText("Internal note");

  // Link to the other ticket by its number.
  await inDialog(agent, "Link", (d) => d.getByLabel("Ticket number").fill(target));
  const relations = agent.getByRole("region", { name: "Links and time" });
  await expect(relations.getByRole("link", { name: `#${target}` })).toBeVisible();

  // Split the first message into a new ticket: it appears as a child.
  await inDialog(agent, "Split", async (d) => {
    await d.getByLabel("Message").selectOption({ index: 0 });
    await d.getByLabel("Title of the new ticket").fill(`Split off (${stamp})`);
  });
  await expect(agent.getByText(/Ticket #\d{16} created from the message/)).toBeVisible();
  await expect(relations.getByText("Child")).toBeVisible();

  // Move to another queue.
  await inDialog(agent, "Move", (d) => d.getByLabel("New queue").selectOption({ label: "Support::1st level" }));
  await expect(agent.getByText("Moved to Support::1st level")).toBeVisible();
  await expect(agent.getByRole("region", { name: "Details" })).toContainText("Support::1st level");

  // Merge into the first ticket: the note travels, and this ticket points there.
  await inDialog(agent, "Merge", (d) => d.getByLabel("Ticket number to merge into").fill(target));
  const notice = agent.getByRole("status").filter({ hasText: "This ticket was merged" });
  await expect(notice).toBeVisible();
  await notice.getByRole("link", { name: `#${target}` }).click();
  await expect(agent).toHaveURL(targetUrl);
  await expect(agent.getByRole("article").filter({ hasText: note })).toBeVisible();
  await expect(agent.getByRole("region", { name: "Links and time" }).getByText("Merged into this ticket")).toBeVisible();
});
