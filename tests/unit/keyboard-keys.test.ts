import { describe, expect, it } from "vitest";
import { displaySteps, eventToStep, isTypingTarget, matchStep, normalizeStep, parseKeys } from "@/app/_components/keyboard/keys";
import { groupShortcuts } from "@/app/_components/keyboard/shortcuts-help";

describe("parseKeys", () => {
  it("splits sequences and normalizes modifiers", () => {
    expect(parseKeys("g d")).toEqual(["g", "d"]);
    expect(parseKeys("Shift+N")).toEqual(["shift+n"]);
    expect(parseKeys("shift+ctrl+K")).toEqual(["ctrl+shift+k"]);
    expect(parseKeys("Esc")).toEqual(["escape"]);
  });

  it("maps mod to the platform's command key", () => {
    expect(normalizeStep("mod+k", false)).toBe("ctrl+k");
    expect(normalizeStep("mod+k", true)).toBe("meta+k");
  });

  it("drops shift on symbols whose character already implies it", () => {
    expect(normalizeStep("?")).toBe("?");
    expect(normalizeStep("shift+?")).toBe("?");
    expect(normalizeStep("/")).toBe("/");
  });

  it("rejects empty shortcuts and unknown modifiers", () => {
    expect(() => parseKeys("  ")).toThrow();
    expect(() => parseKeys("hyper+x")).toThrow(/modifier/);
  });
});

describe("eventToStep", () => {
  it("reads letters with and without shift", () => {
    expect(eventToStep({ key: "r" })).toBe("r");
    expect(eventToStep({ key: "N", shiftKey: true })).toBe("shift+n");
    // Caps lock gives an upper-case key without shift: still the plain letter.
    expect(eventToStep({ key: "R" })).toBe("r");
  });

  it("treats ? the same whatever shift state produced it", () => {
    expect(eventToStep({ key: "?", shiftKey: true })).toBe("?");
    expect(eventToStep({ key: "?" })).toBe("?");
  });

  it("keeps ctrl/meta/alt so browser shortcuts do not trigger plain bindings", () => {
    expect(eventToStep({ key: "r", ctrlKey: true })).toBe("ctrl+r");
    expect(eventToStep({ key: "k", metaKey: true })).toBe("meta+k");
    expect(eventToStep({ key: "c", altKey: true })).toBe("alt+c");
  });

  it("ignores bare modifier presses", () => {
    expect(eventToStep({ key: "Shift", shiftKey: true })).toBeNull();
    expect(eventToStep({ key: "Control", ctrlKey: true })).toBeNull();
    expect(eventToStep({ key: "Dead" })).toBeNull();
  });

  it("names special keys like the binding syntax", () => {
    expect(eventToStep({ key: "Escape" })).toBe("escape");
    expect(eventToStep({ key: " " })).toBe("space");
    expect(eventToStep({ key: "ArrowDown" })).toBe("arrowdown");
  });
});

describe("matchStep", () => {
  const bindings = [["g", "d"], ["g", "t"], ["r"], ["?"]];

  it("runs a single-key binding", () => {
    expect(matchStep([], "r", bindings)).toEqual({ kind: "run", index: 2 });
  });

  it("waits after the first step of a sequence, then runs", () => {
    const first = matchStep([], "g", bindings);
    expect(first).toEqual({ kind: "pending", buffer: ["g"] });
    expect(matchStep(["g"], "t", bindings)).toEqual({ kind: "run", index: 1 });
  });

  it("reports no match for unbound keys", () => {
    expect(matchStep([], "z", bindings)).toEqual({ kind: "none" });
    expect(matchStep([], "d", bindings)).toEqual({ kind: "none" });
  });

  it("starts over with the current key when the sequence breaks", () => {
    expect(matchStep(["g"], "r", bindings)).toEqual({ kind: "run", index: 2 });
    expect(matchStep(["g"], "g", bindings)).toEqual({ kind: "pending", buffer: ["g"] });
    expect(matchStep(["g"], "z", bindings)).toEqual({ kind: "none" });
  });

  it("takes the first enabled binding, so earlier (page) bindings win", () => {
    const overlapping = [["c"], ["c"]];
    expect(matchStep([], "c", overlapping)).toEqual({ kind: "run", index: 0 });
    expect(matchStep([], "c", overlapping, (i) => i !== 0)).toEqual({ kind: "run", index: 1 });
    expect(matchStep([], "c", overlapping, () => false)).toEqual({ kind: "none" });
  });
});

describe("isTypingTarget", () => {
  it("recognizes text fields and editable content", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "search" })).toBe(true);
    expect(isTypingTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
  });

  it("leaves buttons, checkboxes and plain elements to the shortcuts", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTypingTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isTypingTarget({ tagName: "BODY" })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("display", () => {
  it("splits steps and combinations into keycaps", () => {
    expect(displaySteps("g d")).toEqual([["G"], ["D"]]);
    expect(displaySteps("shift+n")).toEqual([["Shift", "N"]]);
    expect(displaySteps("?")).toEqual([["?"]]);
    expect(displaySteps("mod+k", true)).toEqual([["⌘", "K"]]);
    expect(displaySteps("esc")).toEqual([["Esc"]]);
  });

  it("groups alternatives and hides globals that the page overrides", () => {
    const groups = groupShortcuts(
      [
        { keys: "c", description: "Close ticket", global: false },
        { keys: "g s", description: "Search", group: "Go to", global: true },
        { keys: "/", description: "Search", group: "Go to", global: true },
        { keys: "c", description: "New ticket", group: "Go to", global: true },
        { keys: "g n", description: "New ticket", group: "Go to", global: true },
      ],
      "This page",
    );
    expect(groups).toEqual([
      { title: "This page", rows: [{ description: "Close ticket", keys: ["c"] }] },
      {
        title: "Go to",
        rows: [
          { description: "Search", keys: ["g s", "/"] },
          { description: "New ticket", keys: ["g n"] },
        ],
      },
    ]);
  });
});
