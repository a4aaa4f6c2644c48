import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "./fixtures";
import postgres from "postgres";
import { databaseUrl, pipe } from "./journey-helpers";

function mail(h: { from?: string; subject: string; messageId: string; inReplyTo?: string; references?: string; body: string }): string {
  return [
    ...(h.from ? [`From: ${h.from}`] : []),
    "To: Example Help Desk <support@example.com>",
    `Subject: ${h.subject}`,
    `Message-ID: ${h.messageId}`,
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`] : []),
    ...(h.references ? [`References: ${h.references}`] : []),
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    h.body,
    "",
  ].join("\r\n");
}

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

/** The value next to a header name in the outbox's "Headers" list. */
const header = (page: Page, name: string) => page.locator("dt", { hasText: new RegExp(`^${name}$`) }).locator("xpath=following-sibling::dd[1]");

test("a mailed question becomes a ticket, the agent's reply threads in the outbox, and the customer's answer lands on the same ticket", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const subject = `Label printer jams on every roll (${stamp})`;
  const customer = `Erin Example <erin-${stamp}@customer.example>`;
  const originalId = `<question-${stamp}@customer.example>`;
  const answer = `Please replace the roll holder; a new one is on its way (${stamp}).`;
  const thanks = `Thanks, the new holder fixed it (${stamp}).`;

  // A new customer writes to the desk's address.
  const first = await pipe(mail({ from: customer, subject, messageId: originalId, body: "Every new roll jams after two labels." }));
  expect(first).toMatchObject({ outcome: "created", ticketNumber: expect.stringMatching(/^\d+$/), reason: null });
  const number = first.ticketNumber!;

  // The agent finds the ticket in the list, opens it and replies.
  const agent = await signedIn(browser, "agent@example.com");
  await agent.getByRole("link", { name: subject }).click();
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent.getByRole("main").getByText(`#${number}`)).toBeVisible();
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(answer);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();
  const ticketPath = new URL(agent.url()).pathname;

  // The admin sees the reply in the outbox, threaded onto the customer's message.
  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await admin.getByLabel("Search").fill(String(stamp));
  await expect(admin).toHaveURL(new RegExp(`q=${stamp}`));
  const row = admin.getByRole("row").filter({ hasText: `[Ticket#${number}] Re: ${subject}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Queued");
  await row.getByRole("link").click();

  await expect(admin.getByRole("heading", { level: 1, name: `[Ticket#${number}] Re: ${subject}` })).toBeVisible();
  const message = admin.getByRole("article");
  await expect(message).toContainText(`erin-${stamp}@customer.example`);
  await expect(message).toContainText("support@example.com");
  await expect(message).toContainText(answer);
  await expect(header(admin, "In-Reply-To")).toHaveText(originalId);
  await expect(header(admin, "References")).toContainText(originalId);
  const replyId = (await header(admin, "Message-ID").textContent())?.trim() ?? "";
  expect(replyId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
  expect(replyId).not.toBe(originalId);
  await expect(admin.getByRole("link", { name: `Ticket #${number}` })).toHaveAttribute("href", ticketPath);

  // The customer answers the reply; the client kept only In-Reply-To (no ticket number in the subject).
  const second = await pipe(mail({ from: customer, subject: `Re: ${subject}`, messageId: `<answer-${stamp}@customer.example>`, inReplyTo: replyId, body: thanks }));
  expect(second).toMatchObject({ outcome: "follow_up", ticketNumber: number });

  await agent.reload();
  await expect(agent.getByRole("article").filter({ hasText: thanks })).toBeVisible();
});

test("a message the postmaster cannot take waits in quarantine, where the admin downloads, re-runs and discards it", async ({ browser }) => {
  const stamp = Date.now();
  const subject = `Message without a sender (${stamp})`;
  const result = await pipe(mail({ subject, messageId: `<nosender-${stamp}@nowhere.example>`, body: "Who sent this?" }));
  expect(result).toMatchObject({ outcome: "quarantined", ticketNumber: null, reason: "the message has no sender address" });

  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin/quarantine");
  const card = admin.getByRole("article", { name: subject });
  await expect(card).toContainText("the message has no sender address");

  const [download] = await Promise.all([admin.waitForEvent("download"), card.getByRole("link", { name: /Download \.eml/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^quarantine-\d+\.eml$/);
  expect(readFileSync((await download.path())!, "utf8")).toContain(`Subject: ${subject}`);

  await card.getByRole("button", { name: "Re-run" }).click();
  await expect(admin.getByText(`“${subject}” is still in quarantine`)).toBeVisible();
  await expect(card).toBeVisible();

  await card.getByRole("button", { name: "Discard" }).click();
  const dialog = admin.getByRole("dialog", { name: "Discard this message?" });
  await expect(dialog).toContainText(subject);
  await dialog.getByRole("button", { name: "Discard message" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveCount(0);

  await admin.getByLabel("Show resolved messages too").check();
  await expect(admin).toHaveURL(/resolved=1/);
  await expect(admin.getByRole("article", { name: subject })).toContainText("Discarded");
});

test("the admin sees each mailbox's status without its password and can ask for a poll", async ({ browser }) => {
  const stamp = Date.now();
  const name = `Support inbox ${stamp}`;
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await sql`insert into mail_accounts (name, host, port, tls, username, secret, last_poll_at, last_error, last_error_at, imported_count, error_count)
      values (${name}, 'imap.example.com', 993, true, 'support', ${`pw-${stamp}`}, now(), 'authentication failed', now(), 12, 3)`;
  } finally {
    await sql.end();
  }
  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Mailboxes" }).first().click();
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("authentication failed");
  await expect(row).toContainText("Failing");
  await expect(row).toContainText("12");
  await expect(admin.getByText(`pw-${stamp}`)).toHaveCount(0);
  await row.getByRole("button", { name: `Poll now: ${name}` }).click();
  await expect(admin.getByText(`Poll of ${name} queued`)).toBeVisible();
});

test("an agent's notification shows on the bell and opens its ticket", async ({ browser }) => {
  const stamp = Date.now();
  const first = await pipe(mail({ from: `Finn <finn-${stamp}@customer.example>`, subject: `Badge reader offline (${stamp})`, messageId: `<badge-${stamp}@customer.example>`, body: "Door 3." }));
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    // What the notify.agents job writes (the e2e desk runs no worker; the job is tested on its own).
    await sql`insert into notifications (user_id, ticket_id, article_id, kind, title)
      select u.id, a.ticket_id, a.id, 'new_ticket', ${`New ticket: Badge reader offline (${stamp})`}
      from users u, articles a where u.email = 'agent@example.com' and a.id = ${Number(first.articleId)}`;
  } finally {
    await sql.end();
  }
  const agent = await signedIn(browser, "agent@example.com");
  const bell = agent.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(bell).toHaveAttribute("aria-expanded", "true");
  await agent.getByRole("link", { name: new RegExp(`New ticket: Badge reader offline \\(${stamp}\\)`) }).click();
  await expect(agent.getByRole("heading", { level: 1, name: `Badge reader offline (${stamp})` })).toBeVisible();
  // Opening it marked it read. (The bell may still count others: the desk's SLA sweep notifies the
  // demo agents of escalations while the browser tests move the clock.)
  const check = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await expect
      .poll(async () => (await check`select read_at is not null as read from notifications where title = ${`New ticket: Badge reader offline (${stamp})`}`)[0]?.read)
      .toBe(true);
  } finally {
    await check.end();
  }
});
