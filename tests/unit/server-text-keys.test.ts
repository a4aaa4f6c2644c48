import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import en from "@/server/i18n/messages/en.json";

/**
 * Server errors are catalog keys: an English sentence (or a misspelt key) given to `new AppError`
 * would reach every reader in English, so it fails here even where tsc is not run.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["server", "jobs", "app/api"];
const EXTRA = ["app/(auth)/actions.ts"];

function files(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
    }
  };
  for (const dir of DIRS) walk(path.join(ROOT, dir));
  return [...out, ...EXTRA.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f))];
}

function inCatalog(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string";
}

/** Problems with one message argument: a literal must be a known key; a name is left to tsc. */
function problems(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return problems(node.expression);
  if (ts.isConditionalExpression(node)) return [...problems(node.whenTrue), ...problems(node.whenFalse)];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text.startsWith("errors.") && inCatalog(node.text) ? [] : [node.text];
  if (ts.isTemplateExpression(node) || ts.isBinaryExpression(node)) return [node.getText()];
  return [];
}

function scan(): { appErrors: number; bad: string[] } {
  let appErrors = 0;
  const bad: string[] = [];
  for (const file of files()) {
    const text = fs.readFileSync(file, "utf8");
    if (!/AppError|TRPCError|errors\./.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "AppError") {
        appErrors++;
        const message = node.arguments?.[1];
        for (const p of message ? problems(message) : ["(no message key)"]) bad.push(`${where(node)} ${p}`);
      }
      // A TRPCError thrown with an English sentence would skip the catalog: throw AppError instead.
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "TRPCError") {
        const options = node.arguments?.[0];
        const message = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name?.getText() === "message") : undefined;
        if (message && ts.isPropertyAssignment(message) && (ts.isStringLiteralLike(message.initializer) || ts.isTemplateExpression(message.initializer))) bad.push(`${where(node)} TRPCError ${message.initializer.getText()}`);
      }
      // Every "errors.x" literal (constants handed to AppError later) must name a real text.
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /^errors\.[A-Za-z0-9]+$/.test(node.text) && !inCatalog(node.text)) bad.push(`${where(node)} unknown key ${node.text}`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { appErrors, bad };
}

describe("server error texts", () => {
  it("every AppError names a key of the English catalog, and no TRPCError carries its own sentence", () => {
    const { appErrors, bad } = scan();
    expect(appErrors).toBeGreaterThan(50);
    expect(bad).toEqual([]);
  });

  it("the check catches an English message", () => {
    const source = ts.createSourceFile("x.ts", 'new AppError("NOT_FOUND", `${what} not found`); new AppError("FORBIDDEN", "errors.nope")', ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.arguments?.[1]) found.push(...problems(node.arguments[1]));
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(found).toEqual(["`${what} not found`", "errors.nope"]);
  });
});
