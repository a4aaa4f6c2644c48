import { expect, test, type Page } from "./fixtures";
import { expectAccessible, localeCookieFor, RUNS, setProfileLanguage, signInAs, type Run } from "./axe-helpers";
import { withDatabase } from "./journey-helpers";

/**
 * axe (WCAG 2.2 A and AA) on every page the browser journeys visit, in English and Persian, light
 * and dark. The theme is the system's (prefers-color-scheme, which is how most people get dark
 * mode); the last test checks that the header's theme toggle gives the very same colours.
 */
const DEMO_USERS = ["agent@example.com", "customer@example.com", "admin@example.com"] as const;

for (const run of RUNS) {
  test.describe(`${run.locale}, ${run.theme}`, () => {
    test.use({ colorScheme: run.theme, locale: run.locale === "fa" ? "fa-IR" : "en-US" });

    test.beforeAll(async () => setProfileLanguage(DEMO_USERS, run.locale));
    // The demo users keep English for every other spec of the run.
    test.afterAll(async () => setProfileLanguage(DEMO_USERS, "en"));
    test.beforeEach(async ({ context, baseURL }) => context.addCookies([localeCookieFor(run.locale, baseURL ?? "")]));

    test("sign-in, sign-up, password reset and not-found pages have no WCAG A/AA violations", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto("/sign-in");
      await expectAccessible(page, "sign-in", run);

      await page.locator('input[name="email"]').fill("customer@example.com");
      await page.locator('input[name="password"]').fill("not the password");
      await page.locator('button[name="intent"][value="password"]').click();
      // Not Next's route announcer, which is an (empty) alert region too.
      await expect(page.locator('[role="alert"]:not(#__next-route-announcer__)')).toBeVisible();
      await expectAccessible(page, "sign-in with a wrong password", run);

      await page.goto("/register");
      await expectAccessible(page, "sign-up", run);

      await page.goto("/forgot-password");
      await expectAccessible(page, "forgot password", run);
      await page.locator('input[name="email"]').fill("customer@example.com");
      await page.locator('button[type="submit"]').click();
      await expect(page.getByRole("status")).toBeVisible();
      await expectAccessible(page, "forgot password, link sent", run);

      await page.goto(await newestResetLink("customer@example.com"));
      await expect(page.locator('input[type="password"]').first()).toBeVisible();
      await expectAccessible(page, "reset password form", run);

      await page.goto("/reset-password?token=not-a-token");
      await expectAccessible(page, "reset password, link expired", run);

      await page.goto("/sign-in/link?token=not-a-token");
      await expectAccessible(page, "sign-in link", run);

      await page.goto("/no-such-page");
      await expectAccessible(page, "not found", run);
    });

    test("the agent's pages have no WCAG A/AA violations", async ({ page }) => {
      test.setTimeout(180_000);
      await signInAs(page, "agent@example.com");
      await expectAccessible(page, "queue view", run);

      await page.goto("/agent");
      await expectAccessible(page, "dashboard", run);

      await page.goto("/agent/tickets");
      const zoom = await page.locator('main table a[href^="/agent/tickets/"]').first().getAttribute("href");
      await page.goto(zoom ?? "/agent/tickets");
      await expectAccessible(page, "ticket zoom", run);
      // Every tab of the conversation and of the composer (reply, reply all, forward, note, phone).
      await everyTab(page, run, "ticket zoom");

      await page.locator("header button[aria-expanded]:visible").click();
      await expect(page.locator("header section[aria-labelledby]")).toBeVisible();
      // The zoom behind it was scanned above; the panel overlaps part of it, as popovers do.
      await expectAccessible(page, "notifications open", run, "header section[aria-labelledby]");
      await page.keyboard.press("Escape");

      await page.locator('header button[aria-haspopup="dialog"]').click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectAccessible(page, "keyboard shortcuts dialog", run);
      await page.keyboard.press("Escape");

      await page.goto("/agent/search?q=laptop");
      await expect(page.getByRole("main").getByRole("link", { name: "New laptop for a new colleague" }).first()).toBeVisible();
      await expectAccessible(page, "search results", run);
      await page.goto("/agent/search?q=nothing-matches-this");
      await expectAccessible(page, "search without results", run);

      await page.goto("/agent/profile");
      await expectAccessible(page, "agent profile", run);

      await page.goto("/agent/tickets/new");
      await expectAccessible(page, "new ticket (agent)", run);

      await page.goto("/agent/tickets/999999999");
      await expectAccessible(page, "ticket not found (agent)", run);
    });

    test("the customer's portal pages have no WCAG A/AA violations", async ({ page }) => {
      test.setTimeout(120_000);
      await signInAs(page, "customer@example.com");
      await expectAccessible(page, "portal ticket list", run);

      const ticket = await page.locator('main table a[href^="/portal/tickets/"]').first().getAttribute("href");
      await page.goto(ticket ?? "/portal/tickets");
      await expectAccessible(page, "portal ticket", run);

      await page.goto("/portal/tickets/new");
      await expectAccessible(page, "portal new ticket", run);

      await page.goto("/portal/profile");
      await expectAccessible(page, "portal profile", run);

      await page.goto("/portal/tickets/999999999");
      await expectAccessible(page, "ticket not found (portal)", run);
    });

    test("every admin screen reachable from the admin console has no WCAG A/AA violations", async ({ page }) => {
      test.setTimeout(400_000);
      await signInAs(page, "admin@example.com");
      await page.goto("/admin");
      await expectAccessible(page, "admin overview", run);

      const hrefs = await page
        .locator('header nav a[href^="/admin/"], main a[href^="/admin/"]')
        .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href") ?? ""))]);
      expect(hrefs.length).toBeGreaterThan(20);
      for (const href of hrefs) {
        await page.goto(href);
        await expectAccessible(page, `admin ${href}`, run);
        // The screen's "new" form, where it has one.
        const opener = page.locator('main button[aria-haspopup="dialog"]').first();
        if ((await opener.count()) === 0) continue;
        await opener.click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await expectAccessible(page, `admin ${href}, new-item dialog`, run);
        await page.keyboard.press("Escape");
        await expect(page.getByRole("dialog")).toBeHidden();
      }

      await page.goto("/admin/outbox");
      const mail = await page.locator('main a[href^="/admin/outbox/"]').first().getAttribute("href");
      expect(mail).toBeTruthy();
      await page.goto(mail ?? "/admin/outbox");
      await expectAccessible(page, "outbox message", run);
    });
  });
}

test("the theme toggle's dark colours are the system's dark colours", async ({ browser }) => {
  const tokens = async (colorScheme: "light" | "dark", stored: string | null) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    if (stored) await page.addInitScript((theme) => localStorage.setItem("theme", theme), stored);
    await page.goto("/sign-in");
    const values = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return Object.fromEntries(
        [...document.styleSheets]
          .flatMap((sheet) => [...sheet.cssRules])
          .flatMap((rule) => (rule instanceof CSSStyleRule && rule.selectorText === ":root" ? [...rule.style] : []))
          .filter((name) => name.startsWith("--"))
          .map((name) => [name, style.getPropertyValue(name).trim()]),
      );
    });
    await context.close();
    return values;
  };
  const systemDark = await tokens("dark", null);
  expect(Object.keys(systemDark).length).toBeGreaterThan(20);
  expect(await tokens("light", "dark")).toEqual(systemDark);
  expect(await tokens("dark", "light")).toEqual(await tokens("light", null));
});

/**
 * Selects every tab of every tab list in turn (each shows its own panel) and checks the page each
 * time; the last list first, since the composer's tabs live inside the conversation's first panel.
 */
async function everyTab(page: Page, run: Run, what: string) {
  const lists = page.getByRole("tablist");
  const listCount = await lists.count();
  expect(listCount).toBeGreaterThan(1);
  for (let l = listCount - 1; l >= 0; l--) {
    const tabs = lists.nth(l).getByRole("tab");
    const count = await tabs.count();
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      if ((await tab.getAttribute("aria-selected")) === "true") continue;
      await tab.click();
      await expect(tab).toHaveAttribute("aria-selected", "true");
      await expectAccessible(page, `${what}, tab list ${l + 1}, tab ${i + 1}`, run);
    }
  }
}

/** The reset link of the newest password-reset mail to `email`, in whatever language it was written. */
async function newestResetLink(email: string): Promise<string> {
  const body = await withDatabase(async (sql) => {
    const rows = await sql<{ body_text: string }[]>`
      select body_text from outbox where to_addresses = ${email} and body_text like '%/reset-password?token=%' order by id desc limit 1`;
    return rows[0]?.body_text ?? "";
  });
  const link = body.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no reset link mailed to ${email}`);
  return new URL(link).pathname + new URL(link).search;
}
