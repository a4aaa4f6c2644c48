import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "./fixtures";
import { availableLocales, localeCookie, type AppLocale } from "../../server/i18n/config";
import { DEMO_PASSWORD, withDatabase } from "./journey-helpers";

/** Helpers of the axe and keyboard journeys (not a spec: importing it registers no tests). */

/**
 * WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA, plus axe's best practices (one main
 * landmark, unique landmarks, one h1, heading order), which replace the old hand-written check of
 * names and headings. No rule is switched off.
 */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export type Theme = "light" | "dark";
export type Run = { locale: Extract<AppLocale, "en" | "fa">; theme: Theme };
export const RUNS: readonly Run[] = [
  { locale: "en", theme: "light" },
  { locale: "en", theme: "dark" },
  { locale: "fa", theme: "light" },
  { locale: "fa", theme: "dark" },
];

/**
 * The language a page of this run must be in: the run's own once the desk ships it, English until
 * then (the Persian runs pick Persian through the app's own cookie and profile, so they check
 * Persian pages the moment the catalog lands, with no change here).
 */
export const shownLocale = (locale: AppLocale): AppLocale => (availableLocales.includes(locale) ? locale : "en");

/** A visitor's language pick, as the switcher stores it. */
export const localeCookieFor = (locale: AppLocale, baseURL: string) => ({ name: localeCookie, value: locale, url: baseURL });

/** The demo users' profile language: it decides the language of everything they see once signed in. */
export async function setProfileLanguage(emails: readonly string[], locale: AppLocale) {
  await withDatabase((sql) => sql`update users set language = ${locale} where email in ${sql(emails)}`);
}

/** Signs in through the form by its field names, which read the same in every language. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[name="intent"][value="password"]').click();
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
}

/**
 * Waits until the page shows what it will show (its landmark, no spinner, fonts loaded), then
 * runs axe with the WCAG A/AA tags and records every violation (soft: one run lists them all).
 */
/** `within`: scan only that part (an open popover over a page already scanned on its own). */
export async function expectAccessible(page: Page, what: string, run: Run, within?: string) {
  await expect(page.locator("main").first()).toBeVisible();
  await expect(page.locator(".animate-spin:visible")).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator("html")).toHaveAttribute("lang", shownLocale(run.locale));
  await expect(page.locator("html")).toHaveAttribute("dir", shownLocale(run.locale) === "fa" ? "rtl" : "ltr");
  await page.evaluate(() => document.fonts.ready);
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (within) builder.include(within);
  const { violations } = await builder.analyze();
  expect.soft(violations.map(describe), `axe on ${what} (${new URL(page.url()).pathname}, ${run.locale}, ${run.theme})`).toEqual([]);
}

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

function describe(violation: Violation): string {
  const nodes = violation.nodes.slice(0, 6).map((node) => `    ${node.target.join(" > ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`);
  const more = violation.nodes.length > 6 ? [`    … and ${violation.nodes.length - 6} more`] : [];
  return [`${violation.id} (${violation.impact}): ${violation.help}`, ...nodes, ...more].join("\n");
}
