import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "./fixtures";
import { VECTORS } from "../xss/corpus";
import { DEMO_PASSWORD, deskEnv, signIn } from "./journey-helpers";

type Seeded = {
  mails: { name: string; id: number }[];
  web: { name: string; id: number }[];
  attachments: { ticketId: number; files: { id: string; filename: string }[] };
};

/** Runs tests/xss/seed.ts against the e2e desk: the corpus through the real postmaster and the portal service. */
function seed(): Promise<Seeded> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/xss/seed.ts"], { cwd: path.resolve("."), env: deskEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as Seeded) : reject(new Error(`seed exited ${code}: ${err}`))));
  });
}

/**
 * The app's own scripts blocked by the policy (an inline script without the nonce). zod 4
 * probes once whether `new Function` works and falls back when not: that probe is the one
 * "eval" report, and shows the policy blocks eval as it should.
 */
const blockedScripts = (violations: string[]) => violations.filter((v) => /script-src/.test(v) && !/script-src(-elem)? eval$/.test(v));

/**
 * A signed-in browser context that records every sign of script running: `__xss(name)` called
 * from any frame (every vector calls it), a dialog (alert/confirm/prompt) in any page or popup,
 * and the app's own pages' CSP violations (a Next.js script without the nonce would show here).
 */
async function watched(browser: Browser, email: string) {
  const context = await browser.newContext();
  const hits: string[] = [];
  const dialogs: string[] = [];
  const violations: string[] = [];
  await context.exposeFunction("__xss", (name: string) => hits.push(name));
  await context.exposeFunction("__cspViolation", (what: string) => violations.push(what));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (w: string) => void }).__cspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const listen = (page: Page) => page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
  const page = await context.newPage();
  listen(page);
  // A link that opened a window: listen for dialogs there too, then close it.
  context.on("page", (popup) => {
    listen(popup);
    setTimeout(() => void popup.close().catch(() => {}), 500);
  });
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
  return { context, page, hits, dialogs, violations };
}

/** Opens a ticket and waits until its mail frames have loaded; then clicks every link and button the frames kept. */
async function visit(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const frames = page.locator("iframe");
  const count = await frames.count();
  for (let i = 0; i < count; i++) {
    const frame = page.frameLocator("iframe").nth(i);
    await expect(frame.getByText("Vector below.").or(frame.getByText("Files attached.")).first()).toBeVisible();
    for (const target of await frame.locator("a[href], button, input[type=submit]").all()) {
      await target.click({ timeout: 300, force: true, noWaitAfter: true }).catch(() => {});
    }
  }
}

async function closeAll(context: BrowserContext) {
  await context.close();
}

let seeded: Seeded;
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  seeded = await seed();
  expect(seeded.mails).toHaveLength(VECTORS.length);
});

test("no vector of the XSS corpus runs script in the agent zoom (HTML mail and portal-ticket text)", async ({ browser }) => {
  test.setTimeout(600_000);
  const agent = await watched(browser, "agent@example.com");
  for (const { id } of seeded.mails) await visit(agent.page, `/agent/tickets/${id}`);
  for (const { id } of seeded.web.slice(0, 15)) await visit(agent.page, `/agent/tickets/${id}`);
  await agent.page.goto("/agent/tickets");
  await expect(agent.page.getByText(/^XSS /).first()).toBeVisible();
  await agent.page.waitForTimeout(500);
  expect(agent.hits, "script ran").toEqual([]);
  expect(agent.dialogs, "a dialog opened").toEqual([]);
  expect(blockedScripts(agent.violations), "the app's own scripts were blocked: a missing nonce").toEqual([]);
  await closeAll(agent.context);
});

test("no vector of the XSS corpus runs script in the portal", async ({ browser }) => {
  test.setTimeout(600_000);
  const customer = await watched(browser, "customer@example.com");
  for (const { id } of seeded.mails) await visit(customer.page, `/portal/tickets/${id}`);
  for (const { id } of seeded.web.slice(15, 30)) await visit(customer.page, `/portal/tickets/${id}`);
  await customer.page.goto("/portal/tickets");
  await expect(customer.page.getByText(/^XSS /).first()).toBeVisible();
  await customer.page.waitForTimeout(500);
  expect(customer.hits, "script ran").toEqual([]);
  expect(customer.dialogs, "a dialog opened").toEqual([]);
  expect(blockedScripts(customer.violations)).toEqual([]);
  await closeAll(customer.context);
});

test("HTML and SVG attachments are downloads with nosniff and a sandbox CSP, never rendered in the desk's origin", async ({ browser }) => {
  const agent = await watched(browser, "agent@example.com");
  expect(seeded.attachments.files.map((f) => f.filename).sort()).toEqual(["image.svg", "page.html"]);
  for (const file of seeded.attachments.files) {
    const response = await agent.page.request.get(`/api/attachments/${file.id}`);
    expect(response.status()).toBe(200);
    const h = response.headers();
    expect(h["content-disposition"]).toMatch(/^attachment;/);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-security-policy"]).toMatch(/default-src 'none'; sandbox/);
    // Opened directly, the browser downloads it instead of running it.
    const download = agent.page.waitForEvent("download");
    await agent.page.goto(`/api/attachments/${file.id}`).catch(() => {});
    expect((await download).suggestedFilename()).toBe(file.filename);
  }
  await visit(agent.page, `/agent/tickets/${seeded.attachments.ticketId}`);
  expect(agent.hits).toEqual([]);
  await closeAll(agent.context);
});

test("pages carry a per-request nonce CSP without 'unsafe-inline' scripts and refuse to be framed", async ({ browser, request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const policy = first.headers()["content-security-policy"] ?? "";
  const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  // Every script of the page carries the nonce.
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect((await request.get("/api/health")).headers()["x-frame-options"]).toBe("DENY");

  // Another site framing the desk gets nothing.
  const context = await browser.newContext();
  const page = await context.newPage();
  const desk = new URL("/sign-in", test.info().project.use.baseURL).toString();
  await page.route("http://framer.test/", (route) => route.fulfill({ contentType: "text/html", body: `<iframe id="f" src="${desk}" width="600" height="400"></iframe>` }));
  await page.goto("http://framer.test/");
  await page.waitForTimeout(1_000);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  const text = framed ? await framed.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
  expect(text).not.toContain("Sign in");
  await context.close();
});
