/**
 * Pure key-matching logic for keyboard shortcuts, kept free of React and the DOM
 * so it can be unit-tested. A binding is written like "r", "?", "/", "shift+n",
 * "mod+k" or a sequence of steps separated by spaces: "g d".
 */

/** How long the next step of a sequence ("g" … "d") may take. */
export const SEQUENCE_TIMEOUT_MS = 1000;

const MODIFIER_ORDER = ["ctrl", "alt", "shift", "meta"] as const;
type Modifier = (typeof MODIFIER_ORDER)[number];

const KEY_ALIASES: Record<string, string> = {
  esc: "escape",
  " ": "space",
  spacebar: "space",
  del: "delete",
  up: "arrowup",
  down: "arrowdown",
  left: "arrowleft",
  right: "arrowright",
  return: "enter",
  plus: "+",
};

/** The parts of a KeyboardEvent that matter for matching. */
export type KeyInput = {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
};

function normalizeKeyName(key: string): string {
  const lower = key.toLowerCase();
  return KEY_ALIASES[lower] ?? lower;
}

/**
 * Shift is part of the character for symbols ("?" is shift+/ on a US layout but
 * something else elsewhere), so it only counts for letters and named keys.
 */
function shiftCounts(key: string): boolean {
  return key.length > 1 || /\p{L}/u.test(key);
}

function canonical(mods: Set<Modifier>, key: string): string {
  if (!shiftCounts(key)) mods.delete("shift");
  return [...MODIFIER_ORDER.filter((m) => mods.has(m)), key].join("+");
}

/** "Shift+N" → "shift+n"; "mod+k" → "meta+k" on Apple platforms, "ctrl+k" elsewhere. */
export function normalizeStep(step: string, isMac = false): string {
  const raw = step.trim();
  // A step that is only "+" would otherwise split into two empty parts.
  const parts = raw === "+" ? ["+"] : raw.split("+").filter((p, i, all) => p !== "" || i === all.length - 1);
  const mods = new Set<Modifier>();
  let key = "";
  parts.forEach((part, index) => {
    const name = part === "" ? "+" : part.toLowerCase();
    if (index < parts.length - 1) {
      const mod = name === "mod" ? (isMac ? "meta" : "ctrl") : name === "cmd" ? "meta" : name === "control" ? "ctrl" : name === "option" ? "alt" : name;
      if ((MODIFIER_ORDER as readonly string[]).includes(mod)) mods.add(mod as Modifier);
      else throw new Error(`Unknown modifier "${part}" in shortcut "${step}"`);
    } else {
      key = normalizeKeyName(name);
    }
  });
  if (!key) throw new Error(`Empty shortcut step "${step}"`);
  return canonical(mods, key);
}

/** "g d" → ["g", "d"]. */
export function parseKeys(keys: string, isMac = false): string[] {
  const steps = keys.trim().split(/\s+/).filter(Boolean);
  if (steps.length === 0) throw new Error("Empty shortcut");
  return steps.map((step) => normalizeStep(step, isMac));
}

const MODIFIER_KEYS = new Set(["shift", "control", "alt", "meta", "os", "altgraph", "capslock", "fn", "hyper", "super"]);

/** The step a key press stands for, or null for a bare modifier press (which must not break a sequence). */
export function eventToStep(event: KeyInput): string | null {
  if (!event.key || event.key === "Unidentified" || event.key === "Dead") return null;
  const key = normalizeKeyName(event.key);
  if (MODIFIER_KEYS.has(key)) return null;
  const mods = new Set<Modifier>();
  if (event.ctrlKey) mods.add("ctrl");
  if (event.altKey) mods.add("alt");
  if (event.shiftKey) mods.add("shift");
  if (event.metaKey) mods.add("meta");
  return canonical(mods, key);
}

export type MatchResult =
  /** Run the binding at this index and start over. */
  | { kind: "run"; index: number }
  /** A longer binding starts with these steps: wait for the next key. */
  | { kind: "pending"; buffer: string[] }
  | { kind: "none" };

/**
 * Feeds one step into the sequence buffer. Bindings are tried in order, so callers
 * put the ones that should win (page before global) first; `enabled` lets a binding
 * whose `when()` is false fall through to the next. An exact match wins over a
 * longer binding with the same start, so "g" and "g d" should not both be bound.
 * A step that continues nothing starts a new sequence on its own.
 */
export function matchStep(
  buffer: readonly string[],
  step: string,
  bindings: readonly (readonly string[])[],
  enabled: (index: number) => boolean = () => true,
): MatchResult {
  const attempt = (candidate: readonly string[]): MatchResult => {
    let pending = false;
    for (let i = 0; i < bindings.length; i++) {
      const binding = bindings[i]!;
      if (binding.length < candidate.length) continue;
      if (!candidate.every((s, j) => binding[j] === s)) continue;
      if (binding.length === candidate.length) {
        if (enabled(i)) return { kind: "run", index: i };
      } else {
        pending = true;
      }
    }
    return pending ? { kind: "pending", buffer: [...candidate] } : { kind: "none" };
  };
  if (buffer.length > 0) {
    const continued = attempt([...buffer, step]);
    if (continued.kind !== "none") return continued;
  }
  return attempt([step]);
}

/** Whether a key press happened where the user is typing text. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag !== "input") return false;
  // Buttons and checkboxes dressed as inputs take no text, so shortcuts stay live there.
  const type = (target.type ?? "text").toLowerCase();
  return !["button", "submit", "reset", "checkbox", "radio", "range", "color", "file", "image"].includes(type);
}

/** Splits a binding for display: "g d" → [["g"], ["d"]], "shift+n" → [["Shift", "N"]]. */
export function displaySteps(keys: string, isMac = false): string[][] {
  return parseKeys(keys, isMac).map((step) => {
    const parts = step === "+" ? ["+"] : step.endsWith("++") ? [...step.slice(0, -2).split("+"), "+"] : step.split("+");
    return parts.map((part) => displayName(part, isMac));
  });
}

const DISPLAY_NAMES: Record<string, string> = {
  ctrl: "Ctrl",
  alt: "Alt",
  shift: "Shift",
  meta: "Meta",
  escape: "Esc",
  enter: "Enter",
  space: "Space",
  arrowup: "↑",
  arrowdown: "↓",
  arrowleft: "←",
  arrowright: "→",
  delete: "Del",
  backspace: "Backspace",
  tab: "Tab",
};

function displayName(part: string, isMac: boolean): string {
  if (isMac && part === "meta") return "⌘";
  if (isMac && part === "alt") return "⌥";
  if (DISPLAY_NAMES[part]) return DISPLAY_NAMES[part];
  return part.length === 1 ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1);
}
