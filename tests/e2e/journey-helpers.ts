import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type Page } from "./fixtures";
import postgres from "postgres";

/** Helpers the account and portal journeys share (not a spec: importing it registers no tests). */

export const PASSWORD = "a long visitor password";
export const DEMO_PASSWORD = "demo1234";

/** The e2e desk's database (tests/e2e/server.ts writes it): its outbox is the mailbox when Resend is not configured. */
export const databaseUrl = () => readFileSync(path.resolve(`.test-data/e2e/database-url-${process.env.E2E_PORT ?? "3100"}`), "utf8").trim();

/** The environment of a command-line process (postmaster, worker) working on the e2e desk. */
export const deskEnv = () => ({ ...process.env, DATABASE_URL: databaseUrl(), AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret", LOG_LEVEL: "warn" });

/** Runs `work` on a connection of its own to the e2e desk's database. */
export async function withDatabase<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** The newest mail to `email` whose subject is `subject`, as the outbox holds it. */
export async function mailTo(email: string, subject: string): Promise<{ subject: string; body: string }> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ subject: string; body_text: string }[]>`
      select subject, body_text from outbox where to_addresses = ${email.toLowerCase()} and subject = ${subject} order by id desc limit 1`;
    const row = rows[0];
    if (!row) throw new Error(`no mail "${subject}" to ${email}`);
    return { subject: row.subject, body: row.body_text };
  } finally {
    await sql.end();
  }
}

/** The link a mail carries to `path` (/confirm, /sign-in/link, /reset-password). */
export async function mailedLink(email: string, subject: string, linkPath: string): Promise<string> {
  const { body } = await mailTo(email, subject);
  const link = body.match(new RegExp(`https?://\\S+${linkPath.replace(/[/-]/g, "\\$&")}\\?token=[A-Za-z0-9_-]{43}`))?.[0];
  if (!link) throw new Error(`no ${linkPath} link in "${subject}" to ${email}:\n${body}`);
  return link;
}

export async function register(page: Page, name: string, email: string) {
  await page.goto("/register");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your e-mail")).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A demo user signed in in a browser context of its own (its own cookies). */
export async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
  return page;
}

/** A signed-in customer opens a ticket in IT from the portal. */
export async function openPortalTicket(customer: Page, subject: string) {
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("Please have a look.");
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
}

/** An error message on the page (Next's route announcer is an empty alert too). */
export const alert = (page: Page, text: string) => page.getByRole("alert").filter({ hasText: text });

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.net`;

/** A real one-pixel PNG and a minimal PDF: files the upload checks accept. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

type PipeResult = { outcome: string; ticketNumber: string | null; articleId: string | null; reason: string | null };

/** `npm run -s postmaster < message.eml`, for real: the CLI process with the message on stdin, into the e2e desk's database. */
export function pipe(raw: string): Promise<PipeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/postmaster.ts"], {
      cwd: path.resolve("."),
      env: deskEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`postmaster exited ${code}: ${err}`));
      const lines = out.trim().split("\n");
      expect(lines, "the CLI prints exactly one JSON line").toHaveLength(1);
      resolve(JSON.parse(lines[0]!) as PipeResult);
    });
    child.stdin.end(raw);
  });
}
