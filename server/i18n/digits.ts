const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;

/**
 * Persian (۰–۹) and Arabic-Indic (٠–٩) digits as Latin ones: numbers typed on a Persian keyboard
 * (a ticket number, minutes, an hour) mean the same as Latin ones. Only for values read as
 * numbers; free text keeps the digits its writer chose.
 */
export function latinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => {
    const code = d.codePointAt(0)!;
    return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_INDIC_ZERO);
  });
}
