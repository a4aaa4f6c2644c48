import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, signIn } from "./journey-helpers";

test("after signing out, a copy of the session cookie taken before no longer opens the desk", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "agent2@example.com", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/agent\/tickets$/);
  const stolen = await context.storageState();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const replay = await browser.newContext({ storageState: stolen });
  const again = await replay.newPage();
  await again.goto("/agent/tickets");
  await expect(again).toHaveURL(/\/sign-in/);
  const api = await replay.request.get("/api/trpc/meta.me");
  expect(api.status()).toBe(401);
  await replay.close();
  await context.close();
});
