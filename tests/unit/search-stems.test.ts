import { describe, expect, it } from "vitest";
import { MARK_END, MARK_START } from "@/server/schemas/search";
import { buildSnippet, queryTerms } from "@/server/services/search/snippet";
import { queryStems } from "@/server/services/search/stems";

const marked = (s: string | null) => (s ?? "").replaceAll(MARK_START, "[").replaceAll(MARK_END, "]");

describe("query stems (Polish inflection)", () => {
  it("gives inflected forms of one word the same stem, folded", () => {
    expect(queryStems("drukarki drukarkami drukarkę")).toEqual({ drukarki: "drukark", drukarkami: "drukark", drukarke: "drukark" });
    expect(queryStems("Fakturę")).toEqual({ fakture: "faktur" });
  });

  it("leaves short words, numbers, unchanged words and Persian alone", () => {
    expect(queryStems("kot 12345 printer پیش‌فاکتور")).toEqual({});
  });
});

describe("snippets inside compounds", () => {
  it("marks the whole compound for a long term found inside it, not short fragments", () => {
    expect(marked(buildSnippet("Baustelle Hauptstraße 5", queryTerms("strasse")))).toBe("Baustelle [Hauptstraße] 5");
    expect(marked(buildSnippet("support port", queryTerms("port")))).toBe("support [port]");
  });
});
