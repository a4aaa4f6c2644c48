import { expect, test, type Browser, type Page } from "./fixtures";
import { signedIn } from "./journey-helpers";

/** A phone ticket for the demo customer in IT through the new-ticket form; returns its number. */
async function phoneTicket(page: Page, title: string): Promise<string> {
  await page.goto("/agent/tickets/new");
  await page.getByLabel("Phone call").check();
  await page.getByLabel("Queue").selectOption({ label: "IT" });
  await page.getByLabel("Customer's e-mail address").fill("customer@example.com");
  await page.getByLabel("Subject").fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill("The caller explains the problem.");
  await page.getByRole("button", { name: "Create ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const number = (await page.getByRole("main").getByText(/#\d{16}/).first().textContent())?.match(/\d{16}/)?.[0];
  expect(number).toBeTruthy();
  return number!;
}

async function openAction(page: Page, action: string) {
  await page.getByRole("toolbar", { name: "Ticket actions" }).getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

const agent = (browser: Browser) => signedIn(browser, "agent@example.com");

test("a merged ticket is read-only: no composer, no lock, no state, no actions, and it points at its target", async ({ browser }) => {
  const page = await agent(browser);
  const stamp = Date.now();
  const target = await phoneTicket(page, `Merge target (${stamp})`);
  await phoneTicket(page, `Merge source (${stamp})`);
  const dialog = await openAction(page, "Merge");
  await dialog.getByLabel("Ticket number to merge into").fill(target);
  await dialog.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByRole("status").filter({ hasText: "This ticket was merged" });
  await expect(notice.getByRole("link", { name: `#${target}` })).toBeVisible();
  await page.reload();
  await expect(notice).toBeVisible();
  await expect(page.getByRole("main").getByText("Merged", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Lock and take ownership" })).toHaveCount(0);
  await expect(page.getByRole("toolbar", { name: "Ticket actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change state" })).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "Reply" })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

test("splitting preselects the customer's message, not the desk's later article", async ({ browser }) => {
  const page = await agent(browser);
  await phoneTicket(page, `Split preselection (${Date.now()})`);
  await page.getByRole("tab", { name: "Internal note" }).click();
  await page.getByRole("textbox", { name: "Note", exact: true }).fill("The desk wrote after the customer.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("article")).toHaveCount(2);
  const dialog = await openAction(page, "Split");
  const chosen = await dialog.getByLabel("Message").evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
  expect(chosen).toMatch(/^1\. /);
});

test("bulk actions start with no action chosen, so nothing happens until the agent picks one", async ({ browser }) => {
  const page = await agent(browser);
  await page.goto("/agent/tickets");
  await page.getByRole("checkbox", { name: /^Select ticket / }).first().check();
  const bulk = page.getByRole("form", { name: "Act on the selected tickets" });
  await expect(bulk.getByLabel("Action")).toHaveValue("");
  await expect(bulk.getByRole("button", { name: /^Apply to/ })).toBeDisabled();
  await bulk.getByLabel("Action").selectOption({ label: "Lock" });
  await expect(bulk.getByRole("button", { name: /^Apply to/ })).toBeEnabled();
});

test("a ticket that is missing, or not the reader's, answers HTTP 404 in its area", async ({ browser }) => {
  const page = await agent(browser);
  const missing = await page.goto("/agent/tickets/999999999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Ticket not found" }).first()).toBeAttached();
  const mine = await signedIn(browser, "customer@example.com");
  await mine.locator('main a[href^="/portal/tickets/"]:not([href$="/new"])').first().waitFor();
  const hrefs = await mine.locator('main a[href^="/portal/tickets/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => /^\/portal\/tickets\/\d+$/.test(h));
  expect(href).toBeDefined();
  const other = await signedIn(browser, "customer2@example.com");
  const foreign = await other.goto(href!);
  expect(foreign?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Ticket not found" }).first()).toBeAttached();
});
