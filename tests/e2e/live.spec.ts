import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "./fixtures";
import postgres from "postgres";

// Two `next start` instances of one build on one database (tests/e2e/server.ts, E2E_PORT2):
// whatever one agent does on one instance must reach the other through PostgreSQL alone.
const portOne = Number(process.env.E2E_PORT ?? 3100);
const portTwo = Number(process.env.E2E_PORT2 ?? portOne + 2);
const one = `http://127.0.0.1:${portOne}`;
const two = `http://127.0.0.1:${portTwo}`;

test.beforeAll(async () => {
  // The web server check waits for the first instance only.
  await expect.poll(async () => (await fetch(`${two}/api/health`).catch(() => null))?.ok ?? false, { timeout: 120_000 }).toBe(true);
});

test("a ticket created by an agent on one instance appears in another agent's list on the other instance without a reload", async ({ browser }) => {
  const subject = `Badge reader at gate 3 is offline (${Date.now()})`;
  const alex = await signedIn(browser, one, "agent@example.com");
  await alex.goto("/agent/tickets");
  await expect(alex.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(alex.getByRole("link", { name: subject })).toHaveCount(0);
  // Document loads only: the list may rewrite its own address (filters kept in the URL), which
  // is not a reload.
  let navigations = 0;
  alex.on("load", () => (navigations += 1));

  const max = await signedIn(browser, two, "agent3@example.com");
  await call(max, "ticket.create", { channel: "internal", queueId: await queueId("Support::1st level"), title: subject, body: "Reported at the front desk." });

  await expect(alex.getByRole("link", { name: subject })).toBeVisible();
  expect(navigations).toBe(0);
});

test("agents on different instances see each other on a ticket, and a reply after a new customer message asks before sending", async ({ browser }) => {
  const subject = `Invoice PDF is empty (${Date.now()})`;
  const customer = await signedIn(browser, one, "customer@example.com");
  const { id } = await call<{ id: number }>(customer, "ticket.create", { channel: "web", queueId: await queueId("Support::1st level"), title: subject, body: "The PDF for March has no pages." });

  // Alex views the ticket on instance one; Max opens it on instance two and sees him there.
  const alex = await signedIn(browser, one, "agent@example.com");
  await alex.goto(`/agent/tickets/${id}`);
  await expect(alex.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const max = await signedIn(browser, two, "agent3@example.com");
  await max.goto(`/agent/tickets/${id}`);
  await expect(max.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(max.getByRole("status", { name: "Other agents on this ticket" })).toContainText("Alex Agent is viewing");
  await expect(alex.getByRole("status", { name: "Other agents on this ticket" })).toContainText("Max Müller is viewing");

  // Max starts a reply: Alex sees him writing.
  const draft = `We regenerated the invoice; please download it again (${Date.now()}).`;
  await max.getByRole("textbox", { name: "Reply", exact: true }).fill(draft);
  await expect(alex.getByRole("status", { name: "Other agents on this ticket" })).toContainText("Max Müller is writing a reply");

  // The customer writes again before Max sends; his zoom shows it live, and sending asks first.
  const followUp = `Also the February one is empty (${Date.now()}).`;
  await call(customer, "article.reply", { ticketId: id, body: followUp });
  await expect(max.getByRole("article").filter({ hasText: followUp })).toBeVisible();
  const before = await articleCount(id);
  await max.getByRole("button", { name: "Send reply" }).click();
  const dialog = max.getByRole("dialog", { name: "The customer wrote again" });
  await expect(dialog).toBeVisible();
  expect(await articleCount(id)).toBe(before);
  await dialog.getByRole("button", { name: "Send anyway" }).click();
  await expect(max.getByText("Reply sent")).toBeVisible();
  await expect(max.getByRole("article").filter({ hasText: draft })).toBeVisible();

  // Alex, on the other instance, gets the reply without reloading.
  await expect(alex.getByRole("article").filter({ hasText: draft })).toBeVisible();
});

async function signedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill("demo1234");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/(agent|portal)(\/tickets)?$/);
  return page;
}

/** A procedure called over HTTP with the page's session, as the browser's tRPC client would. */
async function call<T = unknown>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

const databaseUrl = () => readFileSync(path.resolve(`.test-data/e2e/database-url-${portOne}`), "utf8").trim();

async function queueId(name: string): Promise<number> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: string }[]>`select id from queues where name = ${name}`;
    return Number(row!.id);
  } finally {
    await sql.end();
  }
}

async function articleCount(ticketId: number): Promise<number> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from articles where ticket_id = ${ticketId}`;
    return row!.n;
  } finally {
    await sql.end();
  }
}
