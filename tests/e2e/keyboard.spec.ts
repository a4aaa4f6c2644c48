import { expect, test, type Page } from "./fixtures";

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("agent@example.com");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/tickets$/);
}

/** Shortcuts only work once the page has hydrated, so keep pressing until they take effect. */
async function pressUntil(page: Page, keys: string[], done: () => Promise<void>) {
  await expect(async () => {
    // A field the page focused by itself would swallow the keys.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (const key of keys) await page.keyboard.press(key);
    await done();
  }).toPass({ timeout: 15_000 });
}

test("? lists the shortcuts, Esc closes the list and focus goes back", async ({ page }) => {
  await signIn(page);
  const ticketsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tickets" });
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await pressUntil(page, ["?"], () => expect(dialog).toBeVisible({ timeout: 1000 }));
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.locator("dialog[open]")).toHaveCount(0);
  // Now hydrated: open it again from a focused link, which must get focus back.
  await ticketsLink.focus();
  await expect(ticketsLink).toBeFocused();
  await page.keyboard.press("?");
  await expect(dialog).toBeVisible();

  for (const row of ["Dashboard", "Ticket list", "Search", "New ticket", "Show this list"]) {
    await expect(dialog.getByRole("term").filter({ hasText: row })).toBeVisible();
  }
  await expect(dialog.locator('[data-keys="g t"]')).toBeVisible();
  await expect(dialog.locator('[data-keys="?"]')).toBeVisible();
  // Keys pressed behind the open dialog must not act on the page.
  await page.keyboard.press("g");
  await page.keyboard.press("d");
  await expect(page).toHaveURL(/\/agent\/tickets$/);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(ticketsLink).toBeFocused();
});

test("the header button opens the same list and takes focus back on close", async ({ page }) => {
  await signIn(page);
  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  await button.click();
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("term").filter({ hasText: "Ticket list" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

test("g-sequences move between the agent's pages", async ({ page }) => {
  await signIn(page);
  await page.goto("/agent/tickets/new");
  await pressUntil(page, ["g", "t"], () => expect(page).toHaveURL(/\/agent\/tickets$/, { timeout: 2000 }));
  await pressUntil(page, ["g", "n"], () => expect(page).toHaveURL(/\/agent\/tickets\/new$/, { timeout: 2000 }));
  await pressUntil(page, ["g", "d"], () => expect(page).toHaveURL(/\/agent$/, { timeout: 2000 }));
});

test("typing in a field never triggers a shortcut", async ({ page }) => {
  await signIn(page);
  await page.goto("/agent/tickets/new");
  const subject = page.getByLabel("Subject");
  // Hydrated once the help button answers; only then would a stray listener fire.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await page.keyboard.press("Escape");
  await subject.click();
  await page.keyboard.type("gt?c/");
  await expect(subject).toHaveValue("gt?c/");
  await expect(page).toHaveURL(/\/agent\/tickets\/new$/);
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
});

test("the skip link works and every control in the header and list shows its focus", async ({ page }) => {
  await signIn(page);
  await page.goto("/agent/tickets");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  // Walk back to the top and tab through the header and the list.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const list = await focusWalk(page);
  expect(list.problems).toEqual([]);
  // The header alone has the brand, the nav, the bell, the shortcuts and theme buttons and sign-out.
  expect(list.seen.length, list.seen.join(", ")).toBeGreaterThan(10);

  // The ticket page, including its focusable tab panels.
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("tabpanel").first()).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const zoom = await focusWalk(page);
  expect(zoom.problems).toEqual([]);
  expect(zoom.seen.some((name) => name.startsWith("div"))).toBe(true);
});

/** Tabs forward until focus leaves the page; notes every stop without a visible focus ring. */
async function focusWalk(page: Page, limit = 60) {
  const problems: string[] = [];
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
      return { name: `${el.tagName.toLowerCase()} "${name}"`, ring, visible: rect.width > 0 && rect.height > 0 };
    });
    if (!info) break;
    seen.push(info.name);
    if (!info.ring || !info.visible) problems.push(`${info.name}: ring=${info.ring} visible=${info.visible}`);
  }
  return { problems, seen };
}

test("the ticket list filters work from the keyboard and stay in the address", async ({ page }) => {
  await signIn(page);
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
  await signIn(page);
  await page.getByRole("table").getByRole("link").first().click();
  const conversation = page.getByRole("tab", { name: /Conversation/ });
  await conversation.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "History" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "History" })).toHaveAttribute("aria-selected", "true");
});
