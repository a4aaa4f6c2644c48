import { availableLocales, type AppLocale, defaultLocale } from "./config";

export type LocaleSources = {
  /** The signed-in user's profile language. */
  profile?: string | null;
  /** What a visitor picked in the switcher (a cookie) before signing in. */
  chosen?: string | null;
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | null;
  /** The desk default (setting system.default_language); read only when nothing above decides. */
  deskDefault: () => Promise<string> | string;
};

/**
 * The language a page is shown in: the profile's, else the visitor's own pick, else the first
 * shipped language the browser accepts, else the desk default, else English.
 */
export async function chooseLocale(sources: LocaleSources): Promise<AppLocale> {
  for (const candidate of [sources.profile, sources.chosen]) {
    const locale = shipped(candidate);
    if (locale) return locale;
  }
  const accepted = fromAcceptLanguage(sources.acceptLanguage);
  if (accepted) return accepted;
  return shipped(await sources.deskDefault()) ?? defaultLocale;
}

/** The best shipped language of an Accept-Language header (q-values honoured, `de-AT` → `de`); `*` is no choice. */
export function fromAcceptLanguage(header: string | null | undefined): AppLocale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((r) => r.tag && r.tag !== "*" && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const range of ranges) {
    const locale = shipped(range.tag) ?? shipped(range.tag.split("-")[0]);
    if (locale) return locale;
  }
  return undefined;
}

function shipped(value: string | null | undefined): AppLocale | undefined {
  return value ? availableLocales.find((l) => l === value) : undefined;
}
