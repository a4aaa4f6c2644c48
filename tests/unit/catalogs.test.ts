import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogProblems, coverage, unusedKeys } from "@/scripts/i18n/catalog-check";
import { translate } from "@/server/i18n/translate";

describe("message catalogs", () => {
  it("have every English key in every language, nothing more, with the same ICU arguments and every plural form", () => {
    expect(catalogProblems()).toEqual([]);
  });

  it("hold no key the code never uses", () => {
    expect(unusedKeys(path.resolve(import.meta.dirname, "../.."))).toEqual([]);
  });

  it("cover every language fully", () => {
    for (const row of coverage()) expect(row.translated, row.language).toBe(row.total);
  });

  it("count in Polish with its three plural forms", () => {
    const forms = [1, 2, 5, 22, 25].map((count) => translate("pl", "queueView.showing", { count }));
    expect(new Set(forms).size).toBeGreaterThanOrEqual(3);
    expect(forms[1]!.replace("2", "#")).toBe(forms[3]!.replace("22", "#"));
    expect(forms[2]!.replace("5", "#")).toBe(forms[4]!.replace("25", "#"));
  });

  it("writes Persian numbers in Persian digits", () => {
    expect(translate("fa", "queueView.showing", { count: 25 })).toMatch(/۲۵/);
  });
});
