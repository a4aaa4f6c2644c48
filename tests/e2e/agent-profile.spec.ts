import { expect, test, type Page } from "./fixtures";
import { DEMO_PASSWORD, withDatabase } from "./journey-helpers";

// Max (agent3) is the agent here so the other specs' replies by Alex keep the queue's signature.
const AGENT = "agent3@example.com";

const sql = withDatabase;

test.afterAll(async () => {
  await sql((db) => db`update users set signature = null, notification_prefs = '{}'::jsonb where email = ${AGENT}`);
});

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/(agent|portal)(\/tickets)?$/);
}

test("an agent sets a reply signature and in-app choices from the header, and the next reply carries the signature", async ({ browser }) => {
  const stamp = Date.now();
  const customer = await (await browser.newContext()).newPage();
  await signIn(customer, "customer@example.com");
  const [queue] = await sql((db) => db<{ id: string }[]>`select id from queues where name = 'Support::1st level'`);
  const title = `VPN drops every hour (${stamp})`;
  const created = await customer.request.post("/api/trpc/ticket.create", { data: { json: { channel: "web", queueId: Number(queue!.id), title, body: "It disconnects on the hour." } } });
  expect(created.ok(), await created.text()).toBe(true);
  const ticketId = ((await created.json()) as { result: { data: { json: { id: number } } } }).result.data.json.id;

  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, AGENT);
  // Customers have no such link: the portal keeps its own Profile entry in the navigation.
  await agent.getByRole("banner").getByRole("link", { name: /Your profile/ }).click();
  await expect(agent).toHaveURL(/\/agent\/profile$/);
  await expect(agent.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();

  const signature = agent.getByRole("textbox", { name: /Reply signature/ });
  await expect(signature).toHaveValue("");
  await signature.fill(`Cheers,\n<AGENT_NAME>, 1st level (${stamp})`);
  const newTicket = agent.getByRole("group", { name: "A new ticket arrives in a queue I watch" });
  await expect(newTicket.getByRole("checkbox", { name: "In the app" })).toBeChecked();
  await newTicket.getByRole("checkbox", { name: "In the app" }).uncheck();
  await agent.getByRole("button", { name: "Save profile" }).click();
  await expect(agent.getByText("Your profile has been saved.")).toBeVisible();

  // Stored, not only shown: a fresh load has both choices.
  await agent.reload();
  await expect(agent.getByRole("textbox", { name: /Reply signature/ })).toHaveValue(`Cheers,\n<AGENT_NAME>, 1st level (${stamp})`);
  await expect(agent.getByRole("group", { name: "A new ticket arrives in a queue I watch" }).getByRole("checkbox", { name: "In the app" })).not.toBeChecked();
  await expect(agent.getByRole("group", { name: "A new ticket arrives in a queue I watch" }).getByRole("checkbox", { name: "E-mail" })).toBeChecked();

  await agent.goto(`/agent/tickets/${ticketId}`);
  await expect(agent.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const body = `Please update the VPN client to 5.2 (${stamp}).`;
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(body);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();
  const sent = agent.getByRole("article").filter({ hasText: body });
  await expect(sent).toContainText(`Cheers,`);
  await expect(sent).toContainText(`Max Müller, 1st level (${stamp})`);
  await expect(sent).not.toContainText("Kind regards,");
});
