import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";

const PASSWORD = "a long visitor password";

/** The e2e desk's database (tests/e2e/server.ts writes it): its outbox is the mailbox when Resend is not configured. */
const databaseUrl = () => readFileSync(path.resolve(`.test-data/e2e/database-url-${process.env.E2E_PORT ?? "3100"}`), "utf8").trim();

/** The newest mail to `email` whose subject is `subject`, as the outbox holds it. */
async function mailTo(email: string, subject: string): Promise<{ subject: string; body: string }> {
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
async function mailedLink(email: string, subject: string, linkPath: string): Promise<string> {
  const { body } = await mailTo(email, subject);
  const link = body.match(new RegExp(`https?://\\S+${linkPath.replace(/[/-]/g, "\\$&")}\\?token=[A-Za-z0-9_-]{43}`))?.[0];
  if (!link) throw new Error(`no ${linkPath} link in "${subject}" to ${email}:\n${body}`);
  return link;
}

/** The admin's decision, through the same approval service the admin console calls. */
function admin(action: "approve" | "disable", email: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/e2e/account-admin.ts", action, email], {
      cwd: path.resolve("."),
      env: { ...process.env, DATABASE_URL: databaseUrl(), AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`account-admin ${action} exited ${code}: ${err}`))));
  });
}

async function register(page: Page, name: string, email: string) {
  await page.goto("/register");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your e-mail")).toBeVisible();
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** An error message on the page (Next's route announcer is an empty alert too). */
const alert = (page: Page, text: string) => page.getByRole("alert").filter({ hasText: text });

const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.net`;

test("a visitor signs up, confirms by the mailed link, is approved, signs in; once disabled, the next click lands on sign-in with a clear message", async ({ page }) => {
  const email = uniqueEmail("vera");
  await register(page, "Vera Visitor", email);
  // Registration mode "approval" (the demo's): the page says an administrator comes next.
  await expect(page.getByText(/an administrator approves new accounts/)).toBeVisible();

  // Before confirming, the right password is refused with a way to get the mail again.
  await signIn(page, email);
  await expect(alert(page, "Confirm your e-mail address first")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send the confirmation e-mail again" })).toBeVisible();

  await page.goto(await mailedLink(email, "Confirm your e-mail address", "/confirm"));
  await expect(page).toHaveURL(/\/sign-in\?reason=confirmed_pending$/);
  await expect(page.getByRole("status").filter({ hasText: "waiting for approval" })).toBeVisible();

  await signIn(page, email);
  await expect(alert(page, "has not been approved yet")).toBeVisible();

  await admin("approve", email);
  expect((await mailTo(email, "Your account has been approved")).body).toContain("/sign-in");

  await signIn(page, email);
  await expect(page).toHaveURL(/\/portal\/tickets$/);
  await expect(page.getByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();

  await admin("disable", email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New ticket" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=disabled$/);
  await expect(alert(page, "Your access has been disabled")).toBeVisible();
  // The session is gone, not just hidden: the portal asks for a sign-in again.
  await page.goto("/portal/tickets");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a customer signs in with a one-time link from the mail; the link does not work twice", async ({ page }) => {
  const email = "colleague@example.com";
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `If an account exists for ${email}` })).toBeVisible();

  const link = await mailedLink(email, "Your sign-in link", "/sign-in/link");
  await page.goto(link);
  // Opening the link alone signs nobody in (mail scanners open links too): the person continues.
  await expect(page.getByRole("heading", { level: 1, name: "Sign in with your link" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/portal\/tickets$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(alert(page, "expired or was already used")).toBeVisible();
});

test("a customer resets a forgotten password by mail, is signed in, and the old password stops working", async ({ page }) => {
  const email = uniqueEmail("rita");
  await register(page, "Rita Reset", email);
  await admin("approve", email);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a link to choose a new password is on its way" })).toBeVisible();

  await page.goto(await mailedLink(email, "Choose a new password", "/reset-password"));
  await page.getByLabel("New password").fill("a fresh new password");
  await page.getByLabel("Confirm password").fill("a fresh new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  // The reset link came by mail, so it confirms the address too: straight into the portal.
  await expect(page).toHaveURL(/\/portal\/tickets$/);

  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await page.getByLabel("Time zone").selectOption("Europe/Warsaw");
  await page.getByLabel("One of my requests is closed").uncheck();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile has been saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Warsaw");
  await expect(page.getByLabel("One of my requests is closed")).not.toBeChecked();

  // Changing the password ends the other sessions but keeps this one (signed in again at once).
  await page.getByLabel("Current password").fill("a fresh new password");
  await page.getByRole("textbox", { name: "New password", exact: true }).fill("the newest password");
  await page.getByLabel("Confirm new password").fill("the newest password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/portal\/profile\?password=changed$/);
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).click();
  await expect(page).toHaveURL(/\/portal\/tickets$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  for (const old of [PASSWORD, "a fresh new password"]) {
    await signIn(page, email, old);
    await expect(alert(page, "incorrect")).toBeVisible();
  }
  await signIn(page, email, "the newest password");
  await expect(page).toHaveURL(/\/portal\/tickets$/);
});
