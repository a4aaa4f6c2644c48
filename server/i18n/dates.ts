/**
 * The calendar a reader's dates are drawn in: Persian readers get the Solar Hijri calendar
 * (Intl's `persian`) unless their profile prefers the Gregorian one; every other language keeps
 * its own default. Digits follow the language (Persian digits for fa) through Intl as well.
 */
export function calendarFor(locale: string, preferGregorian = false): "gregory" | "persian" | undefined {
  if (preferGregorian) return "gregory";
  return locale === "fa" ? "persian" : undefined;
}

/** A date (and time) as a reader reads it, for texts rendered outside React (mails, PDFs). */
export function formatDateTime(value: Date, reader: { locale: string; timeZone?: string; preferGregorian?: boolean }, withTime = true): string {
  return new Intl.DateTimeFormat(reader.locale, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" as const } : {}),
    timeZone: reader.timeZone ?? "UTC",
    calendar: calendarFor(reader.locale, reader.preferGregorian),
  }).format(value);
}
