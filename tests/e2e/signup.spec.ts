import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";
import { alert, databaseUrl, mailedLink, mailTo, PASSWORD, register, signIn, uniqueEmail } from "./journey-helpers";

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
