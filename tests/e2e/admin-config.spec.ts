import { expect, test, type Page } from "./fixtures";

async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("admin@example.com");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/tickets$/);
}

test("an admin creates a queue under Support with a group and it appears in the tree", async ({ page }) => {
  const name = `Printers ${Date.now()}`;
  await signInAsAdmin(page);
  await page.goto("/admin/queues");
  await expect(page.getByRole("heading", { level: 1, name: "Queues" })).toBeVisible();
  const tree = page.getByRole("list", { name: "Queue tree" });
  await expect(tree).toBeVisible();

  await page.getByRole("button", { name: "New queue" }).click();
  const dialog = page.getByRole("dialog", { name: "New queue" });
  // Without a group the server says what is missing, next to the field.
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Parent queue").selectOption({ label: "Support" });
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Choose a group")).toBeVisible();

  await dialog.getByRole("combobox", { name: "Group", exact: true }).selectOption({ label: "support" });
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`“${name}” was created.`)).toBeVisible();

  // It sits under Support, next to the existing sub-queues, with its group shown.
  const underSupport = tree.getByRole("list", { name: "Sub-queues of Support" });
  const item = underSupport.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();
  await expect(item).toContainText("group support");
  await expect(underSupport.getByText("1st level", { exact: true })).toBeVisible();

  // Searching shows its full path.
  await page.getByLabel("Search queues").fill(name);
  await expect(page.getByRole("cell", { name: `Support::${name}`, exact: true })).toBeVisible();
});

test("a state in use cannot be deleted: the admin is told why and offered to disable it", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/states");
  await expect(page.getByRole("heading", { level: 1, name: "States" })).toBeVisible();
  await page.getByLabel("Search states").fill("pending reminder");
  const actions = page.getByRole("group", { name: "Actions for pending reminder" });
  await actions.getByRole("button", { name: "Delete" }).click();

  const dialog = page.getByRole("dialog", { name: "Delete “pending reminder”?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("The state “pending reminder” is in use (tickets) — disable it instead.");
  await expect(dialog.getByRole("button", { name: "Disable instead" })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Nothing changed: the state is still there and enabled.
  const row = page.getByRole("row").filter({ has: page.getByRole("group", { name: "Actions for pending reminder" }) });
  await expect(row.getByText("Enabled")).toBeVisible();
});
