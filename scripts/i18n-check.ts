import path from "node:path";
import { catalogProblems, coverage, unusedKeys } from "./i18n/catalog-check";

/** `npm run i18n:check`: coverage per language, then every problem the catalog test would fail on. */
const rows = coverage();
console.log("language  translated  of     coverage  same as English");
for (const r of rows) {
  const pct = ((100 * r.translated) / r.total).toFixed(1);
  console.log(`${r.language.padEnd(9)} ${String(r.translated).padStart(10)}  ${String(r.total).padEnd(5)}  ${`${pct} %`.padStart(8)}  ${r.language === "en" ? "" : r.sameAsEnglish}`);
}
const problems = catalogProblems();
const unused = unusedKeys(path.resolve(import.meta.dirname, ".."));
for (const p of problems.slice(0, 50)) console.log(`${p.language}: ${p.key}: ${p.problem}`);
if (problems.length > 50) console.log(`… and ${problems.length - 50} more problems`);
for (const key of unused) console.log(`unused: ${key}`);
console.log(`${problems.length} problems, ${unused.length} unused keys`);
process.exitCode = problems.length || unused.length ? 1 : 0;
