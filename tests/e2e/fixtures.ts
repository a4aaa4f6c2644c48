import { test as base } from "@playwright/test";

export * from "@playwright/test";

/**
 * Playwright's `test`, plus: every browser context a test opens with `browser.newContext()` is
 * closed when the test ends. Playwright closes only the `page` fixture's own context; the others
 * stayed open for the rest of the run (about 30 signed-in pages polling and listening for live
 * updates by the middle of the suite), loading the machine and slowing later tests.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((context) => !before.has(context)).map((context) => context.close().catch(() => {})));
    },
    { auto: true },
  ],
});
