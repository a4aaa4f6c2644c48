import { Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { dir } from "@/server/i18n/config";
import { translate, type TextParams } from "@/server/i18n/translate";
import { LATIN_FIRST, PERSIAN_FIRST } from "./fonts";

export type Direction = "ltr" | "rtl";

/** What every PDF page needs to know about its reader: language, writing direction, time zone. */
export type PdfLocale = { language: string; intl: string; direction: Direction; timeZone: string; t: (key: string, params?: TextParams) => string };

export function pdfLocale(language: string, timeZone = "UTC"): PdfLocale {
  return { language, intl: intlLocale(language), direction: dir(language), timeZone: validTimeZone(timeZone), t: (key, params) => translate(language, key, params, { isolate: false }) };
}

/** The base style of a page: the fonts in the order that suits the language. */
export function pageStyle(locale: PdfLocale) {
  return { fontFamily: locale.direction === "rtl" ? PERSIAN_FIRST : LATIN_FIRST, fontSize: 9.5, color: "#1f2328", paddingTop: 54, paddingBottom: 48, paddingHorizontal: 40 };
}

/**
 * The direction of a user-written text, as HTML's dir="auto" decides it: its first strong
 * character. Persian and other right-to-left scripts → rtl; Latin (and digits-only) → ltr.
 */
export function textDirection(text: string, fallback: Direction = "ltr"): Direction {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if ((cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc)) return "rtl";
    if (/\p{L}/u.test(ch)) return "ltr";
  }
  return fallback;
}

/**
 * A paragraph in a direction. The alignment is always given explicitly: react-pdf 4.9 loses a
 * right-to-left text whose alignment it has to infer inside a row.
 */
export function P({ children, direction, style, bold, muted, size, fixed, render }: {
  children?: ReactNode;
  direction: Direction;
  style?: Record<string, unknown>;
  bold?: boolean;
  muted?: boolean;
  size?: number;
  fixed?: boolean;
  render?: (props: { pageNumber: number; totalPages: number }) => string;
}) {
  return (
    <Text
      fixed={fixed}
      // react-pdf treats any `render` prop, even undefined, as dynamic content.
      {...(render ? { render } : {})}
      style={{
        direction,
        // One font for a whole right-to-left run keeps it one text chunk, which extractors reverse as a unit.
        fontFamily: direction === "rtl" ? PERSIAN_FIRST : LATIN_FIRST,
        textAlign: direction === "rtl" ? "right" : "left",
        // Not on the page: react-pdf 4.9 drops a page-number text (`render`) that inherits a line height.
        ...(render ? {} : { lineHeight: 1.4 }),
        ...(bold ? { fontWeight: 700 } : {}),
        ...(muted ? { color: "#59636e" } : {}),
        ...(size ? { fontSize: size } : {}),
        ...style,
      }}
    >
      {children}
    </Text>
  );
}

/**
 * User-written text: its own direction (dir="auto"), so its letters and numbers order right. It
 * lines up with its own start unless `align` says otherwise: a field value or a name in a Persian
 * document hugs the right edge even when it is Latin.
 */
export function UserText({ text, fallback, align, style, bold, size }: { text: string; fallback: Direction; align?: Direction; style?: Record<string, unknown>; bold?: boolean; size?: number }) {
  const direction = textDirection(text, fallback);
  const side = (align ?? direction) === "rtl" ? "right" : "left";
  return (
    <P direction={direction} style={{ textAlign: side, ...style }} bold={bold} size={size}>
      {text}
    </P>
  );
}

/** A row whose first child sits at the reading start (left in LTR, right in RTL). */
export function Row({ direction, children, style, wrap, fixed }: { direction: Direction; children: ReactNode; style?: Record<string, unknown>; wrap?: boolean; fixed?: boolean }) {
  return (
    <View wrap={wrap} fixed={fixed} style={{ flexDirection: direction === "rtl" ? "row-reverse" : "row", ...style }}>
      {children}
    </View>
  );
}

/** The running header (desk name, document title) and footer (page numbers) of every page. */
export function PageFrame({ locale, deskName, title }: { locale: PdfLocale; deskName: string; title: string }) {
  const d = locale.direction;
  return (
    <>
      <Row direction={d} fixed style={{ position: "absolute", top: 22, left: 40, right: 40, borderBottomWidth: 0.5, borderBottomColor: "#d1d9e0", paddingBottom: 4 }}>
        <View style={{ flexGrow: 1, flexBasis: 0 }}>
          <UserText text={deskName} fallback={d} align={d} bold size={8.5} />
        </View>
        <View style={{ flexGrow: 2, flexBasis: 0 }}>
          <P direction={d} muted size={8.5} style={{ textAlign: d === "rtl" ? "left" : "right" }}>
            {title}
          </P>
        </View>
      </Row>
      <P
        direction={d}
        fixed
        muted
        size={8}
        // The page's full width with the margins as padding, not left/right insets: react-pdf's
        // experimental pagination measures a dynamic absolute text at its first-pass width and
        // would apply the insets twice (the number drifts 40 pt off centre).
        style={{ position: "absolute", bottom: 20, left: 0, right: 0, paddingHorizontal: 40, textAlign: "center" }}
        render={({ pageNumber, totalPages }) => locale.t("pdf.page", { page: formatInteger(locale, pageNumber), pages: formatInteger(locale, totalPages) })}
      />
    </>
  );
}

export function formatInteger(locale: PdfLocale, value: number): string {
  return numberFormat(locale.intl, { maximumFractionDigits: 0 }).format(value);
}

export function formatDateTime(locale: PdfLocale, value: Date): string {
  return dateFormat(locale.intl, { dateStyle: "medium", timeStyle: "short", timeZone: locale.timeZone }).format(value);
}

export function formatDate(locale: PdfLocale, value: Date): string {
  return dateFormat(locale.intl, { dateStyle: "medium", timeZone: locale.timeZone }).format(value);
}

/**
 * Intl formatters, made once per locale and options: making one costs far more than formatting
 * (a ticket PDF formats a date per article and two numbers per page, in each pagination round).
 */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function numberFormat(intl: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n ${intl} ${JSON.stringify(options)}`;
  let format = formats.get(key) as Intl.NumberFormat | undefined;
  if (!format) formats.set(key, (format = new Intl.NumberFormat(intl, options)));
  return format;
}

function dateFormat(intl: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${intl} ${JSON.stringify(options)}`;
  let format = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(intl, options)));
  return format;
}

/** A locale Intl accepts for numbers and dates: the language's, else English (a test's private stub language). */
export function intlLocale(language: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([language]).length > 0 ? language : "en";
  } catch {
    return "en";
  }
}

export function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}
