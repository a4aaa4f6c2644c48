import { describe, expect, it } from "vitest";
import { MARK_END, MARK_START, snippetParts } from "@/server/schemas/search";
import { isEmailQuery, ticketNumberIn } from "@/server/services/search/query";
import { buildSnippet, fold, queryTerms } from "@/server/services/search/snippet";

const marked = (s: string | null) => (s ?? "").replaceAll(MARK_START, "[").replaceAll(MARK_END, "]");

describe("fold (the snippet's twin of helpdesk_fold)", () => {
  it.each([
    ["Zażółć gęślą jaźń", "zazolc gesla jazn"],
    ["Straße ẞ", "strasse ss"],
    ["ŁÓDŹ Øre Æble", "lodz ore aeble"],
    ["علي كتاب مدرسة", "علی کتاب مدرسه"],
    ["أحمد إيران آب ٱلله", "احمد ایران اب الله"],
    ["مـــن كِتَابٌ", "من کتاب"],
    ["می\u200Cخواهم", "می خواهم"],
    ["۱۲۳ ٤٥٦", "123 456"],
  ])("%s → %s", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe("snippets", () => {
  it("marks the original word for a folded, partial query", () => {
    expect(marked(buildSnippet("Zażółć gęślą jaźń — drukarka", queryTerms("zazol")))).toBe("[Zażółć] gęślą jaźń — drukarka");
  });

  it("marks words whose folded form is longer than the original (ß → ss)", () => {
    expect(marked(buildSnippet("Die Hauptstraße 5", queryTerms("hauptstrasse")))).toBe("Die [Hauptstraße] 5");
  });

  it("marks Persian text typed with Arabic letters", () => {
    expect(marked(buildSnippet("درباره کیبورد", queryTerms("كيبورد")))).toBe("درباره [کیبورد]");
  });

  it("matches short words whole and only at word starts", () => {
    expect(marked(buildSnippet("an answer and a plan", queryTerms("an")))).toBe("[an] answer and a plan");
    expect(marked(buildSnippet("reprint the print", queryTerms("print")))).toBe("reprint the [print]");
  });

  it("cuts a window around the first match, with ellipses", () => {
    const text = `${"lorem ipsum ".repeat(40)}needle ${"dolor sit ".repeat(40)}`;
    const s = buildSnippet(text, ["needle"], 120)!;
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain(`${MARK_START}needle${MARK_END}`);
    expect(s.length).toBeLessThan(130);
  });

  it("keeps markup as text and drops marker characters found in the source", () => {
    const s = buildSnippet(`<script>alert(1)</script> x\uE000y`, queryTerms("alert"))!;
    expect(snippetParts(s)).toEqual([
      { text: "<script>", marked: false },
      { text: "alert", marked: true },
      { text: "(1)</script> xy", marked: false },
    ]);
  });

  it("returns the start of the text when nothing can be marked, and null for empty text", () => {
    expect(buildSnippet("Nothing to see", ["zzz"])).toBe("Nothing to see");
    expect(buildSnippet("   ", ["x"])).toBeNull();
  });
});

describe("query shapes", () => {
  it("recognises ticket numbers with or without the hook", () => {
    expect(ticketNumberIn("2026112310000011")).toBe("2026112310000011");
    expect(ticketNumberIn("Ticket#2026112310000011")).toBe("2026112310000011");
    expect(ticketNumberIn("[Ticket#2026112310000011]")).toBe("2026112310000011");
    expect(ticketNumberIn("printer 2026112310000011")).toBeNull();
    expect(ticketNumberIn("12345")).toBeNull();
  });

  it("recognises e-mail addresses", () => {
    expect(isEmailQuery("jan.kowalski@example.pl")).toBe(true);
    expect(isEmailQuery("jan kowalski")).toBe(false);
    expect(isEmailQuery("jan@")).toBe(false);
  });
});
