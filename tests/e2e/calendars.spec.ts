import { expect, test } from "./fixtures";
import { signedIn } from "./journey-helpers";

test("an admin creates a calendar with a split Monday and a yearly holiday, sees it listed, then edits it and imports Poland's holidays", async ({ browser }) => {
  const name = `Warsaw office ${Date.now()}`;
  const page = await signedIn(browser, "admin@example.com");
  await page.goto("/admin/services");
  await page.getByRole("navigation", { name: "Configuration sections" }).getByRole("link", { name: "Calendars" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendars" })).toBeVisible();

  await page.getByRole("button", { name: "New calendar" }).click();
  const dialog = page.getByRole("dialog", { name: "New calendar" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Time zone").selectOption("Europe/Warsaw");
  // Office hours are the starting point; Monday gets a lunch break: 08:00–12:00 and 13:00–17:00.
  await dialog.getByRole("textbox", { name: "Monday, interval 1: to" }).fill("12:00");
  await dialog.getByRole("group", { name: "Monday" }).getByRole("button", { name: "Add interval" }).click();
  await dialog.getByRole("textbox", { name: "Monday, interval 2: from" }).fill("13:00");
  await dialog.getByRole("textbox", { name: "Monday, interval 2: to" }).fill("17:00");
  await dialog.getByRole("button", { name: "Add holiday" }).click();
  const holiday = dialog.getByRole("group", { name: "Holiday 1" });
  await holiday.getByLabel("Date").fill("12-25");
  await holiday.getByLabel("Name").fill("Christmas");

  // A month-day alone needs "Every year": the server says which holiday is wrong.
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("The holiday “Christmas” has no valid date (12-25).", { exact: false })).toBeVisible();
  await holiday.getByRole("checkbox", { name: "Every year" }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`“${name}” was created.`)).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Europe/Warsaw");
  await expect(row).toContainText("Mon 08:00–12:00, 13:00–17:00");
  await expect(row).toContainText("Tue–Fri 08:00–16:00");
  await expect(row).toContainText("1 holiday");

  // Edit: Friday off, and Poland's public holidays of 2026 imported next to the yearly Christmas.
  await page.getByRole("group", { name: `Actions for ${name}` }).getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: `Edit calendar “${name}”` });
  await expect(edit.getByRole("textbox", { name: "Monday, interval 2: from" })).toHaveValue("13:00");
  await edit.getByRole("button", { name: "Remove the interval 08:00–16:00 of Friday" }).click();
  await edit.getByRole("button", { name: "Import public holidays" }).click();
  const importer = edit.getByRole("group", { name: "Import public holidays" });
  await importer.getByLabel("Country").selectOption({ label: "Poland" });
  await importer.getByLabel("Year").fill("2026");
  await importer.getByRole("button", { name: "Import" }).click();
  await expect(importer.getByRole("status")).toHaveText("14 holidays added.");
  await expect(edit.getByRole("textbox", { name: "Date" }).nth(11)).toHaveValue("2026-11-11");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(`“${name}” was saved.`)).toBeVisible();
  await expect(row).toContainText("Tue–Thu 08:00–16:00");
  await expect(row).toContainText("15 holidays");
});
