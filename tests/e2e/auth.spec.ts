import { expect, test, type Page } from "./fixtures";

const PASSWORD = "demo1234";

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const accounts = [
  { email: "admin@example.com", home: "/agent/tickets", heading: "Tickets" },
  { email: "agent@example.com", home: "/agent/tickets", heading: "Tickets" },
  { email: "customer@example.com", home: "/portal/tickets", heading: "My tickets" },
  { email: "customer2@example.com", home: "/portal/tickets", heading: "My tickets" },
];

for (const account of accounts) {
  test(`${account.email} signs in and lands in ${account.home}`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page).toHaveURL(new RegExp(`${account.home}$`));
    await expect(page.getByRole("heading", { level: 1, name: account.heading })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
}

test("the start page sends a signed-in user to their own area and others to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, "customer@example.com");
  await expect(page).toHaveURL(/\/portal\/tickets$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/portal\/tickets$/);
  // A customer who tries the agent area is sent back to the portal.
  await page.goto("/agent/tickets");
  await expect(page).toHaveURL(/\/portal\/tickets$/);
});

test("a wrong password shows an error and keeps the user on the sign-in page", async ({ page }) => {
  await signIn(page, "agent3@example.com", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "The e-mail address or password is incorrect" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("signing out returns to the sign-in page and the areas need a new sign-in", async ({ page }) => {
  await signIn(page, "agent@example.com");
  await expect(page).toHaveURL(/\/agent\/tickets$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/agent/tickets");
  await expect(page).toHaveURL(/\/sign-in/);
});
