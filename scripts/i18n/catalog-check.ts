import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { shippedCatalogs, type Catalog } from "@/server/i18n/catalogs";
import { locales } from "@/server/i18n/config";

/**
 * Keys the code builds at run time (`t(\`states.${type}\`)`): a key under one of these prefixes
 * counts as used. Keep this list short; a key that is plainly written in code needs no entry.
 */
export const DYNAMIC_KEY_PREFIXES: readonly string[] = [
  // t(level) over the priority levels 1–5
  "priorities.",
  // tStates(ticket.stateType): every state type, including those only the merge and removal paths set
  "states.types.",
  // t(kind as OutboxKind) over OUTBOX_KINDS
  "adminMail.outbox.kinds.",
  // tRoles(user.role)
  "nav.roles.",
  // t(preset) over the report period presets (period-picker, period-range)
  "reports.periods.",
  // tLang(language) over the shipped languages (FAQ editor tabs and category names)
  "faq.languages.",
];

/** Every leaf key of a catalog with its message. */
export function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else if (value && typeof value === "object") for (const [k, v] of flatten(value as Catalog, full)) out.set(k, v);
  }
  return out;
}

export type Problem = { language: string; key: string; problem: string };

/** Keys missing in a language, keys English does not have, and messages whose ICU differs from English. */
export function catalogProblems(): Problem[] {
  const english = flatten(shippedCatalogs.en);
  const problems: Problem[] = [];
  for (const [key, message] of english) {
    const shape = shapeOf(message);
    if (typeof shape === "string") problems.push({ language: "en", key, problem: shape });
  }
  for (const language of locales.filter((l) => l !== "en")) {
    const other = flatten(shippedCatalogs[language]);
    const rules = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
    for (const key of english.keys()) if (!other.has(key)) problems.push({ language, key, problem: "missing" });
    for (const [key, message] of other) {
      const source = english.get(key);
      if (source === undefined) {
        problems.push({ language, key, problem: "not in English (unused)" });
        continue;
      }
      const want = shapeOf(source);
      const got = shapeOf(message, rules);
      if (typeof got === "string") problems.push({ language, key, problem: got });
      else if (typeof want !== "string" && signature(want) !== signature(got)) {
        problems.push({ language, key, problem: `arguments ${signature(got) || "(none)"} differ from English ${signature(want) || "(none)"}` });
      } else if (typeof want !== "string") {
        // A number English formats (digits in the reader's script) must not be pasted in raw.
        const raw = [...(got.plain ?? [])].filter((name) => want.numeric?.has(name));
        if (raw.length) problems.push({ language, key, problem: `write ${raw.map((n) => `{${n}, number}`).join(", ")} as English does` });
      }
    }
  }
  return problems;
}

/** The share of English keys each language has, for `npm run i18n:check`. */
export function coverage(): { language: string; translated: number; total: number; sameAsEnglish: number }[] {
  const english = flatten(shippedCatalogs.en);
  return locales.map((language) => {
    const other = flatten(shippedCatalogs[language]);
    let translated = 0;
    let sameAsEnglish = 0;
    for (const [key, message] of english) {
      const text = other.get(key);
      if (text === undefined) continue;
      translated++;
      if (language !== "en" && text === message && /\p{L}{3}/u.test(message)) sameAsEnglish++;
    }
    return { language, translated, total: english.size, sameAsEnglish };
  });
}

/**
 * English keys no code refers to: neither written out, nor as a namespace and a key in one file
 * (`useTranslations("ticket")` … `t("send")`), nor built from a template's fixed start
 * (`t(\`states.${type}\`)` covers `states.*`), nor under DYNAMIC_KEY_PREFIXES.
 */
export function unusedKeys(root: string, dirs: readonly string[] = ["app", "server", "jobs", "scripts"]): string[] {
  const files = dirs.flatMap((d) => sourceFiles(path.join(root, d))).map((f) => literalsOf(readFileSync(f, "utf8")));
  const everywhere = new Set(files.flatMap((f) => [...f.strings]));
  const heads = files.flatMap((f) => [...f.heads]).filter((h) => h.includes("."));
  const matches = (file: Literals, rest: string) => file.strings.has(rest) || [...file.heads].some((h) => rest.startsWith(h)) || file.patterns.some((p) => p.test(rest));
  const unused: string[] = [];
  for (const key of flatten(shippedCatalogs.en).keys()) {
    if (DYNAMIC_KEY_PREFIXES.some((p) => key.startsWith(p))) continue;
    if (everywhere.has(key) || heads.some((h) => key.startsWith(h))) continue;
    const parts = key.split(".");
    const used = files.some((file) =>
      parts.some((_, i) => {
        if (i === 0 || !file.strings.has(parts.slice(0, i).join("."))) return false;
        return matches(file, parts.slice(i).join("."));
      }),
    );
    if (!used) unused.push(key);
  }
  return unused;
}

type Shape = Map<string, string> & { plain?: Set<string>; numeric?: Set<string> };

/** The message's arguments (name, and a select's options); a string when it does not parse or a plural lacks forms. */
function shapeOf(message: string, rules?: string[]): Shape | string {
  let ast: MessageFormatElement[];
  try {
    ast = parse(message);
  } catch (error) {
    return `ICU syntax: ${(error as Error).message}`;
  }
  const shape: Shape = Object.assign(new Map<string, string>(), { plain: new Set<string>(), numeric: new Set<string>() });
  const problem = walk(ast, shape, rules);
  return problem ?? shape;
}

function walk(elements: MessageFormatElement[], shape: Shape, rules?: string[]): string | undefined {
  for (const el of elements) {
    switch (el.type) {
      // A number may be a plain argument in one language and a plural in another: names must match, not kinds.
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        if (!shape.has(el.value)) shape.set(el.value, "value");
        if (el.type === TYPE.argument) shape.plain?.add(el.value);
        if (el.type === TYPE.number) shape.numeric?.add(el.value);
        break;
      case TYPE.tag:
        shape.set(`<${el.value}>`, "tag");
        {
          const inner = walk(el.children, shape, rules);
          if (inner) return inner;
        }
        break;
      case TYPE.select:
        shape.set(el.value, `select(${Object.keys(el.options).sort().join("|")})`);
        for (const option of Object.values(el.options)) {
          const inner = walk(option.value, shape, rules);
          if (inner) return inner;
        }
        break;
      case TYPE.plural: {
        if (!shape.has(el.value)) shape.set(el.value, "value");
        shape.numeric?.add(el.value);
        const categories = Object.keys(el.options).filter((k) => !k.startsWith("="));
        if (!categories.includes("other")) return `plural {${el.value}} has no "other" form`;
        // A plural that varies by number must give every form the language has (Polish: one, few, many, other).
        if (rules && el.pluralType !== "ordinal" && categories.length > 1) {
          const lacking = rules.filter((r) => !categories.includes(r));
          if (lacking.length) return `plural {${el.value}} lacks the forms ${lacking.join(", ")}`;
        }
        for (const option of Object.values(el.options)) {
          const inner = walk(option.value, shape, rules);
          if (inner) return inner;
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

function signature(shape: Shape): string {
  return [...shape.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${v}`)
    .join(", ");
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** String literals, and the fixed starts of template literals (`states.${x}` gives "states."), as TypeScript reads them. */
type Literals = { strings: Set<string>; heads: Set<string>; patterns: RegExp[] };

function literalsOf(source: string): Literals {
  const strings = new Set<string>();
  const heads = new Set<string>();
  const patterns: RegExp[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.add(node.text);
    else if (ts.isTemplateExpression(node)) {
      if (node.head.text) heads.add(node.head.text);
      // `${kind}.subject` or `${a}.${b}`: a key shape with a segment per substitution.
      const fixed = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      if (fixed.join("")) patterns.push(new RegExp(`^${fixed.map(escapeRegExp).join("[^.]+")}$`));
    }
    else if (ts.isJsxText(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("x.tsx", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX));
  return { strings, heads, patterns };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
