import { expect, test, type Browser, type Page } from "./fixtures";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
  return page;
}

test("the priority field appears only for departments that let customers choose it", async ({ browser }) => {
  const page = await signedIn(browser, "customer@example.com");
  await page.goto("/portal/tickets/new");
  await expect(page.getByLabel("Priority")).toHaveCount(0);
  await page.getByLabel("Department").selectOption({ label: "IT" });
  await expect(page.getByLabel("Priority")).toBeVisible();
  await page.getByLabel("Department").selectOption({ label: "Sales" });
  await expect(page.getByLabel("Priority")).toHaveCount(0);
});

test("an empty request is not sent and says what is missing", async ({ browser }) => {
  const page = await signedIn(browser, "customer@example.com");
  await page.goto("/portal/tickets/new");
  await page.getByRole("button", { name: "Create ticket" }).click();
  await expect(page.getByText("Choose a department.")).toBeVisible();
  await expect(page.getByText("Enter a subject.")).toBeVisible();
  await expect(page.getByLabel("Department")).toBeFocused();
  await expect(page).toHaveURL(/\/portal\/tickets\/new$/);
});

test("a customer closes a solved ticket and it moves to the closed list", async ({ browser }) => {
  const subject = `Password reset worked (${Date.now()})`;
  const page = await signedIn(browser, "customer@example.com");
  await page.goto("/portal/tickets/new");
  await page.getByLabel("Department").selectOption({ label: "IT" });
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message").fill("I could not sign in, but it works again now.");
  await page.getByRole("button", { name: "Create ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  await page.getByRole("button", { name: "Close ticket" }).click();
  const dialog = page.getByRole("dialog", { name: "Close this ticket?" });
  await dialog.getByRole("button", { name: "Close ticket" }).click();
  await expect(dialog).toBeHidden();
  // The customer reads what the state means to them, not the desk's "closed successful".
  await expect(page.getByRole("main").getByText("Closed", { exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByText("Closed successful")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close ticket" })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).click();
  await expect(page.getByRole("link", { name: subject })).toHaveCount(0);
  await page.getByRole("link", { name: "Closed" }).click();
  await expect(page.getByRole("link", { name: subject })).toBeVisible();
});

test("a customer who opens someone else's ticket learns only that it was not found", async ({ browser }) => {
  const owner = await signedIn(browser, "customer@example.com");
  const href = await owner.getByRole("table").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/portal\/tickets\/\d+$/);

  const stranger = await signedIn(browser, "customer2@example.com");
  await stranger.goto(href!);
  await expect(stranger.getByRole("heading", { name: "Ticket not found" }).first()).toBeVisible();
  await expect(stranger.getByRole("link", { name: "My tickets" }).last()).toBeVisible();
});
