import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "./fixtures";
import { DEMO_PASSWORD, openPortalTicket, signIn } from "./journey-helpers";

/**
 * No page of the agent, portal and admin areas scrolls sideways, at a laptop's 1366×900 and a
 * phone's 390×844, with a 250-character subject without spaces on the ticket shown. A few pages
 * are kept as screenshots in docs/screenshots/.
 */
const SIZES = [
  { name: "laptop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const LONG = `Unbroken${"W".repeat(234)}Subject!`;
const ADMIN_PAGES = [
  "", "agents", "audit", "auto-responses", "companies", "customers", "filters", "groups", "mail-accounts", "mailboxes", "notification-rules",
  "outbox", "permissions", "priorities", "quarantine", "queues", "roles", "salutations", "services", "settings", "signatures", "states",
  "system-addresses", "templates", "types",
].map((p) => `/admin${p ? `/${p}` : ""}`);
const SHOTS = new Set(["/agent/tickets", "zoom", "portal-ticket", "/portal/tickets", "/admin"]);

let ticketId = "";

test.beforeAll(async ({ browser }) => {
  expect(LONG).toHaveLength(250);
  const context = await browser.newContext();
  const customer = await context.newPage();
  await signIn(customer, "customer@example.com", DEMO_PASSWORD);
  await expect(customer).toHaveURL(/\/portal\/tickets$/);
  await openPortalTicket(customer, LONG);
  ticketId = /\/portal\/tickets\/(\d+)/.exec(customer.url())?.[1] ?? "";
  expect(ticketId).not.toBe("");
  await context.close();
});

async function signedInAt(browser: Browser, size: (typeof SIZES)[number], email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 })).newPage();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
  return page;
}

/** Visits each page and returns those wider than the window, with their width. */
async function overflowing(page: Page, size: (typeof SIZES)[number], pages: { url: string; shot?: string }[]) {
  const wide: string[] = [];
  for (const { url, shot } of pages) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBeLessThan(400);
    await expect(page.locator("main h1").first()).toBeAttached();
    await page.evaluate(() => document.fonts.ready);
    const { scroll, inner, culprits } = await page.evaluate(() => {
      const inner = window.innerWidth;
      // What sticks out, outside any box that scrolls or clips it: named in the failure.
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      const culprits = [...document.body.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().right > inner + 1 && !clipped(el))
        .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`);
      return { scroll: document.documentElement.scrollWidth, inner, culprits };
    });
    if (scroll > inner) wide.push(`${url}: ${scroll}px in a ${inner}px window (${culprits.join(" ")})`);
    if (shot && SHOTS.has(shot)) {
      const dir = path.resolve("docs/screenshots");
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, `${size.name}-${shot.replace(/^\//, "").replaceAll("/", "-")}.png`), scale: "css" });
    }
  }
  return wide;
}

for (const size of SIZES) {
  test(`${size.name} ${size.width}×${size.height}: no agent, portal or admin page is wider than the window`, async ({ browser }) => {
    test.setTimeout(240_000);
    const admin = await signedInAt(browser, size, "admin@example.com");
    const agentPages = [
      { url: "/agent", shot: "/agent" },
      { url: "/agent/tickets", shot: "/agent/tickets" },
      { url: `/agent/tickets/${ticketId}`, shot: "zoom" },
      { url: `/agent/search?q=${LONG}` },
      { url: "/agent/tickets/new" },
      { url: "/agent/profile" },
    ];
    const wide = [...(await overflowing(admin, size, agentPages)), ...(await overflowing(admin, size, ADMIN_PAGES.map((url) => ({ url, shot: url }))))];
    const customer = await signedInAt(browser, size, "customer@example.com");
    const portalPages = [
      { url: "/portal/tickets", shot: "/portal/tickets" },
      { url: `/portal/tickets/${ticketId}`, shot: "portal-ticket" },
      { url: "/portal/tickets/new" },
      { url: "/portal/profile" },
    ];
    wide.push(...(await overflowing(customer, size, portalPages)));
    expect(wide).toEqual([]);
  });
}
