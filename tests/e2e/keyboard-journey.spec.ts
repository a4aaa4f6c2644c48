import { expect, test, type Locator, type Page } from "./fixtures";
import { DEMO_PASSWORD } from "./journey-helpers";

/**
 * The whole ticket round trip without a mouse: every step is Tab, Enter, arrow keys, shortcuts
 * and typing (no click, no fill, no selectOption), so a control the keyboard cannot reach or
 * operate fails the journey.
 */
test("a customer opens a ticket and an agent answers it with the keyboard alone", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const subject = `Keyboard only: the scanner on floor 3 jams (${stamp})`;
  const answer = `Reset it with the green button, we ordered a new roller (${stamp}).`;

  const customer = await (await browser.newContext()).newPage();
  await signInByKeyboard(customer, "customer@example.com");
  await expect(customer).toHaveURL(/\/portal\/tickets$/);

  await tabTo(customer, customer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New ticket" }));
  await customer.keyboard.press("Enter");
  await expect(customer).toHaveURL(/\/portal\/tickets\/new$/);
  const department = customer.getByLabel("Department");
  await tabTo(customer, department);
  await arrowToOption(customer, department, "IT");
  await tabTo(customer, customer.getByLabel("Subject"));
  await customer.keyboard.type(subject);
  await tabTo(customer, customer.getByLabel("Message"));
  await customer.keyboard.type("It jams on every second page since Monday.");
  await tabTo(customer, customer.getByRole("button", { name: "Create ticket" }));
  await customer.keyboard.press("Enter");
  await expect(customer.getByRole("status").filter({ hasText: "Your ticket number is" })).toBeVisible();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  const agent = await (await browser.newContext()).newPage();
  await signInByKeyboard(agent, "agent@example.com");
  await expect(agent).toHaveURL(/\/agent\/tickets$/);
  // "/" is the search shortcut; it works once the page has hydrated.
  await expect(async () => {
    await agent.keyboard.press("/");
    await expect(agent).toHaveURL(/\/agent\/search/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await tabTo(agent, agent.getByRole("searchbox", { name: "Search for" }));
  await agent.keyboard.type(String(stamp));
  await agent.keyboard.press("Enter");
  await tabTo(agent, agent.getByRole("main").getByRole("link", { name: subject }));
  await agent.keyboard.press("Enter");
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  // "r" opens the reply and puts the cursor in it.
  const reply = agent.getByRole("textbox", { name: "Reply", exact: true });
  await expect(async () => {
    await agent.keyboard.press("r");
    await expect(reply).toBeFocused({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await agent.keyboard.type(answer);
  await tabTo(agent, agent.getByRole("button", { name: "Send reply" }));
  await agent.keyboard.press("Enter");
  await expect(agent.getByText("Reply sent")).toBeVisible();

  await customer.reload();
  await expect(customer.getByRole("article").filter({ hasText: answer })).toBeVisible();
});

async function signInByKeyboard(page: Page, email: string) {
  await page.goto("/sign-in");
  await tabTo(page, page.getByLabel("E-mail address"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByRole("textbox", { name: "Password", exact: true }));
  await page.keyboard.type(DEMO_PASSWORD);
  // Enter in a field submits with the form's first button: sign in with the password.
  await page.keyboard.press("Enter");
}

/** Presses Tab until `target` has the focus; fails when it is not reached within `limit` stops. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  await expect(target).toBeVisible();
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reached by Tab within ${limit} stops`).toBeFocused({ timeout: 1 });
}

/** Moves a focused native select with the arrow keys until the option `label` is chosen. */
async function arrowToOption(page: Page, select: Locator, label: string, limit = 20) {
  for (let i = 0; i < limit; i++) {
    if ((await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent?.trim())) === label) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`option "${label}" not reached with the arrow keys`);
}
