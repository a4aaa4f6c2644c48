import { expect, test, type Page } from "@playwright/test";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
}

/**
 * Reads the page the way assistive technology does (Chromium's accessibility tree, through
 * Playwright's ARIA snapshot) and lists controls that would be announced without a name.
 */
async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator("body").ariaSnapshot();
  return snapshot
    .split("\n")
    .filter((line) => /^\s*- (textbox|combobox|checkbox|radio|button|link|tab|searchbox|spinbutton)(\s\[[^\]]*\])*:?\s*$/.test(line));
}

async function expectOneH1AndNamedControls(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("main")).toBeVisible();
  expect(await unnamedControls(page), `unnamed controls on ${path}`).toEqual([]);
}

test("every control on the agent's pages has an accessible name", async ({ page }) => {
  await signIn(page, "agent@example.com");
  await expectOneH1AndNamedControls(page, "/agent/tickets");
  const first = page.getByRole("table").getByRole("link").first();
  const href = await first.getAttribute("href");
  await expectOneH1AndNamedControls(page, href ?? "/agent/tickets");
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("table")).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await expectOneH1AndNamedControls(page, "/agent/tickets/new");
});

test("every control on the customer's pages has an accessible name", async ({ page }) => {
  await signIn(page, "customer@example.com");
  await expectOneH1AndNamedControls(page, "/portal/tickets");
  const href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
  await expectOneH1AndNamedControls(page, href ?? "/portal/tickets");
  await expectOneH1AndNamedControls(page, "/portal/tickets/new");
});

test("the ticket list filters work from the keyboard and stay in the address", async ({ page }) => {
  await signIn(page, "agent@example.com");
  await page.getByLabel("Status").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/status=all/);
  await page.getByLabel("Only tickets I own").focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/mine=1/);
  await page.reload();
  await expect(page.getByLabel("Only tickets I own")).toBeChecked();
  await expect(page.getByLabel("Status")).toHaveValue("all");
});

test("the conversation tabs follow the arrow keys", async ({ page }) => {
  await signIn(page, "agent@example.com");
  await page.getByRole("table").getByRole("link").first().click();
  const conversation = page.getByRole("tab", { name: /Conversation/ });
  await conversation.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "History" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "History" })).toHaveAttribute("aria-selected", "true");
});
