import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "./fixtures";
import { text as fa0, persianYear, polishForm, speak } from "./language-helpers";
import { deskEnv, mailedLink, PASSWORD, signedIn, uniqueEmail, withDatabase } from "./journey-helpers";

const fa = (key: string) => fa0("fa", key);
const pl = (key: string) => fa0("pl", key);

/** The job worker (the e2e desk runs none for mail): it sends the receipt the new ticket queued. */
function startWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: path.resolve("."), env: { ...deskEnv(), HELPDESK_PROCESS: "worker-e2e" }, stdio: ["ignore", "ignore", "inherit"] });
}

async function outboxTo(email: string, kind: string): Promise<{ subject: string; body_text: string } | undefined> {
  return withDatabase(async (sql) => (await sql<{ subject: string; body_text: string }[]>`select subject, body_text from outbox where to_addresses = ${email} and kind = ${kind} order by id desc limit 1`)[0]);
}

async function approve(email: string) {
  await withDatabase((sql) => sql`update users set approved = true where email = ${email}`);
}

const rtl = (page: Page) => expect(page.locator("html")).toHaveAttribute("dir", "rtl");

test("a Persian customer signs up in Persian, gets the receipt in Persian, and reads the agent's answer right to left with Solar Hijri dates", async ({ browser }) => {
  test.setTimeout(150_000);
  const email = uniqueEmail("sara");
  const subject = `چاپگر طبقه دوم کار نمی‌کند (${Date.now()})`;
  const answer = "سلام، تکنسین امروز فیوزر چاپگر را عوض می‌کند.";

  // The sign-up page in Persian, chosen with the switcher: the whole page turns right to left.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto("/register");
  await expect(customer.locator("html")).toHaveAttribute("dir", "ltr");
  await customer.getByLabel("Language").selectOption("fa");
  await rtl(customer);
  await expect(customer.locator("html")).toHaveAttribute("lang", "fa");
  await customer.getByLabel(fa("auth.fields.name")).fill("سارا رضایی");
  await customer.getByLabel(fa("auth.fields.email")).fill(email);
  await customer.getByRole("textbox", { name: fa("auth.fields.password"), exact: true }).fill(PASSWORD);
  await customer.getByLabel(fa("auth.fields.confirm")).fill(PASSWORD);
  await customer.getByRole("button", { name: fa("auth.register.submit") }).click();
  await expect(customer.getByText(fa("auth.register.checkMailTitle"))).toBeVisible();

  // The confirmation mail is in Persian (the account keeps the sign-up page's language).
  await customer.goto(await mailedLink(email, fa("accountMail.confirm.subject"), "/confirm"));
  await approve(email);
  await customer.goto("/sign-in");
  await rtl(customer);
  await customer.getByLabel(fa("auth.fields.email")).fill(email);
  await customer.getByRole("textbox", { name: fa("auth.fields.password"), exact: true }).fill(PASSWORD);
  await customer.getByRole("button", { name: fa("auth.signIn.submit"), exact: true }).click();
  await expect(customer).toHaveURL(/\/portal\/tickets$/);
  await rtl(customer);

  // A ticket in Persian; the worker sends the receipt, in Persian.
  const worker = startWorker();
  try {
    await customer.goto("/portal/tickets/new");
    await customer.getByLabel(fa("tickets.create.department")).selectOption({ label: "IT" });
    await customer.getByLabel(fa("tickets.create.subject")).fill(subject);
    await customer.getByLabel(fa("tickets.create.body")).fill("از صبح چاپگر فقط چشمک می‌زند و خطای E42 نشان می‌دهد.");
    await customer.getByRole("button", { name: fa("tickets.create.submit") }).click();
    await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await expect.poll(() => outboxTo(email, "auto_response"), { timeout: 60_000 }).toBeTruthy();
  } finally {
    worker.kill("SIGTERM");
  }
  const receipt = (await outboxTo(email, "auto_response"))!;
  expect(receipt.subject).toContain(fa("autoResponseDefaults.new_ticket.subject").replace("{title}", "").trim());
  expect(receipt.subject).toContain(subject);
  const number = /\d{16}/.exec(receipt.subject)?.[0];
  expect(number, "the ticket number keeps Latin digits").toBeTruthy();
  expect(receipt.body_text).toContain(fa("autoResponseDefaults.new_ticket.body").split("{number}")[0]!.trim());
  const ticketUrl = customer.url();

  // The agent's page stays English; the Persian message reads right to left there too.
  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto(ticketUrl.replace("/portal/", "/agent/"));
  await expect(agent.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent.getByTestId("article-body").filter({ hasText: "E42" })).toHaveAttribute("dir", "rtl");
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(answer);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();

  // The customer reads it right to left, the dates in the Solar Hijri calendar with Persian digits,
  // the ticket number in Latin digits.
  await customer.reload();
  await rtl(customer);
  const reply = customer.getByTestId("article-body").filter({ hasText: answer });
  await expect(reply).toHaveAttribute("dir", "rtl");
  const dates = customer.getByRole("main").locator("time");
  await expect(dates.first()).toContainText(persianYear());
  await expect(dates.first()).not.toContainText(/\d/);
  await expect(customer.getByRole("main").locator(`bdi[dir=ltr]`, { hasText: `#${number}` })).toBeVisible();
});

test("a Polish agent chooses Polish in the profile and works the queue in Polish", async ({ browser }) => {
  const restore = await speak("en", "agent2@example.com");
  try {
    const agent = await signedIn(browser, "agent2@example.com");
    await agent.goto("/agent/profile");
    await agent.getByLabel("Language").selectOption("pl");
    await agent.getByRole("button", { name: "Save profile" }).click();
    await expect(agent.locator("html")).toHaveAttribute("lang", "pl");
    await expect(agent.locator("html")).toHaveAttribute("dir", "ltr");

    await agent.goto("/agent/tickets");
    await agent.getByLabel(pl("queueView.filters.queue"), { exact: true }).selectOption({ label: "Sales" });
    await expect(agent).toHaveURL(/queue=\d+/);
    // "1 zgłoszenie", "2 zgłoszenia", "5 zgłoszeń": the count takes the form Polish gives it.
    const showing = agent.getByText(/^\d+ zgłosze(nie|nia|ń)$/);
    await expect(showing).toBeVisible();
    const [, count, ending] = /^(\d+) zgłosze(nie|nia|ń)$/.exec((await showing.textContent()) ?? "")!;
    expect({ one: "nie", few: "nia", many: "ń" }[polishForm(Number(count)) as "one" | "few" | "many"]).toBe(ending);

    // Opens a ticket and answers it with the Polish buttons.
    await agent.getByRole("table").getByRole("link").first().click();
    await expect(agent.getByRole("heading", { level: 1 })).toBeVisible();
    const answer = `Dzień dobry, sprawdzamy to (${Date.now()}).`;
    await agent.getByRole("textbox", { name: pl("ticket.composer.replyBody"), exact: true }).fill(answer);
    await agent.getByRole("button", { name: pl("ticket.composer.send") }).click();
    await expect(agent.getByText(pl("ticket.toast.replySent"))).toBeVisible();
    await expect(agent.getByTestId("article-body").filter({ hasText: answer })).toBeVisible();
  } finally {
    await restore();
  }
});
