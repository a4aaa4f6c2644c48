import { expect, test } from "./fixtures";

test("an agent searches for a Polish word typed without diacritics and opens the ticket found", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("agent@example.com");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/tickets$/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const box = page.getByRole("searchbox", { name: "Search for" });
  await box.fill("zazolc gesla");
  await box.press("Enter");

  // The query lives in the URL, so the search can be bookmarked.
  await expect(page).toHaveURL(/\/agent\/search\?q=zazolc\+gesla/);
  const results = page.getByRole("list", { name: "Search results" });
  const hit = results.getByRole("listitem").filter({ hasText: "Nie działa drukarka w biurze" }).first();
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark").first()).toHaveText("Zażółć");

  await hit.getByRole("link").click();
  await expect(page).toHaveURL(/\/agent\/tickets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: /Nie działa drukarka w biurze/ })).toBeVisible();

  // Back on the search page, the URL brings the same search back; every control there has a name.
  await page.goBack();
  await expect(box).toHaveValue("zazolc gesla");
  await expect(results.getByRole("listitem").first()).toBeVisible();
  const unnamed = (await page.locator("body").ariaSnapshot()).split("\n").filter((line) => /^\s*- (textbox|combobox|checkbox|searchbox|button|link)(\s\[[^\]]*\])*:?\s*$/.test(line));
  expect(unnamed).toEqual([]);
});
