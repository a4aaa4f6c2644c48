import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import {
  availableLocales,
  defaultLocale,
  isLocale,
  localeCookie,
  timeZoneCookie,
  type AppLocale,
} from "./config";

export { locales, dir } from "./config";

// Explicit loaders keep unshipped locales out of the bundle and make a
// missing catalog a type error rather than a runtime 500.
const catalogs: Partial<Record<AppLocale, () => Promise<{ default: Messages }>>> = {
  en: () => import("./messages/en.json"),
};

type Messages = typeof import("./messages/en.json");

export default getRequestConfig(async () => {
  const store = await cookies();
  const requested = store.get(localeCookie)?.value;
  const locale: AppLocale =
    isLocale(requested) && availableLocales.includes(requested) && catalogs[requested]
      ? requested
      : defaultLocale;
  const load = catalogs[locale] ?? catalogs[defaultLocale];
  const messages = load ? (await load()).default : {};

  return {
    locale,
    messages,
    timeZone: validTimeZone(store.get(timeZoneCookie)?.value) ?? "UTC",
  };
});

function validTimeZone(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
