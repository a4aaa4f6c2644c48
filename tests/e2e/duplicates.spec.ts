import { expect, test, type Page } from "./fixtures";
import { signedIn } from "./journey-helpers";

/** Fills the portal's new-request form (IT) without sending it. */
async function draft(customer: Page, subject: string, body: string) {
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill(body);
}

async function send(customer: Page, subject: string): Promise<string> {
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const number = (await customer.getByRole("main").getByText(/\d{16}/).first().textContent())?.match(/\d{16}/)?.[0];
  expect(number).toBeTruthy();
  return number!;
}

test("a customer sends a request twice in other words: the portal warns before sending, and the agent merges the duplicate from the zoom's suggestion", async ({ browser }) => {
  const ref = `ref ${Date.now().toString(36)}`;
  const first = `Printer on the third floor does not print (${ref})`;
  const again = `3rd floor printer still not printing (${ref})`;
  const customer = await signedIn(browser, "customer@example.com");

  await draft(customer, first, "Hello, the printer on the third floor stopped printing this morning. It shows error E-45 on its display. Could you please have a look?");
  const firstNumber = await send(customer, first);

  // The same request again, in other words: the warning appears while writing, before sending.
  await draft(customer, again, "Hi, our printer upstairs on floor three is not printing anything at all, the display says error E-45. Please help.");
  const warning = customer.getByRole("status").filter({ hasText: "You already have a similar open request" });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("link", { name: new RegExp(firstNumber) })).toHaveAttribute("href", /\/portal\/tickets\/\d+$/);
  // A warning, not a block: the customer can still send it.
  const againNumber = await send(customer, again);

  const agent = await signedIn(browser, "agent@example.com");
  // The list says so beside the new ticket's title…
  await agent.goto(`/agent/tickets?q=${encodeURIComponent(ref)}`);
  const row = agent.getByRole("row").filter({ has: agent.getByRole("link", { name: again }) });
  await expect(row.getByText(`Possible duplicate of #${firstNumber}`)).toBeVisible();
  // …and the zoom offers the merge in one click.
  await row.getByRole("link", { name: again }).click();
  await expect(agent.getByRole("heading", { level: 1, name: again })).toBeVisible();
  const notice = agent.getByRole("status").filter({ hasText: "Possible duplicate" });
  await expect(notice).toBeVisible();
  await notice.getByRole("button", { name: `Merge into #${firstNumber}` }).click();
  await expect(agent.getByRole("status").filter({ hasText: "This ticket was merged" })).toBeVisible();
  await expect(notice).toBeHidden();

  // Both messages now live on the first ticket.
  await agent.getByRole("status").filter({ hasText: "This ticket was merged" }).getByRole("link", { name: `#${firstNumber}` }).click();
  await expect(agent.getByRole("heading", { level: 1, name: first })).toBeVisible();
  await expect(agent.getByText("Hi, our printer upstairs on floor three")).toBeVisible();
  expect(againNumber).not.toBe(firstNumber);
});

test('"not a duplicate" takes the suggestion away for good', async ({ browser }) => {
  const ref = `ref ${Date.now().toString(36)}`;
  const first = `VPN drops every ten minutes (${ref})`;
  const again = `VPN connection keeps dropping (${ref})`;
  const customer = await signedIn(browser, "customer@example.com");
  await draft(customer, first, "Since this morning my VPN connection drops every ten minutes and I have to log in again.");
  const firstNumber = await send(customer, first);
  await draft(customer, again, "My VPN connection keeps dropping every few minutes and I must log in again each time.");
  await send(customer, again);

  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto(`/agent/tickets?q=${encodeURIComponent(ref)}`);
  await agent.getByRole("link", { name: again }).click();
  const notice = agent.getByRole("status").filter({ hasText: "Possible duplicate" });
  await notice.getByRole("button", { name: `Not a duplicate of #${firstNumber}` }).click();
  await expect(notice.getByRole("button", { name: `Not a duplicate of #${firstNumber}` })).toHaveCount(0);
  await agent.reload();
  await expect(agent.getByRole("heading", { level: 1, name: again })).toBeVisible();
  await expect(agent.getByRole("button", { name: `Not a duplicate of #${firstNumber}` })).toHaveCount(0);
});
