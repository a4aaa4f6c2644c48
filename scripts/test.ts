import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * `npm test`: typecheck, lint, import cycles, vitest, production build, Playwright, in that order; stops at
 * the first failure and prints how many tests each runner ran.
 */
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const counts: { runner: string; passed: number; failed: number }[] = [];

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  process.stdout.write(`\n▶ ${label}\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function finish(code: number): never {
  process.stdout.write("\n");
  for (const c of counts) process.stdout.write(`${c.runner}: ${c.passed} passed, ${c.failed} failed\n`);
  const passed = counts.reduce((n, c) => n + c.passed, 0);
  const failed = counts.reduce((n, c) => n + c.failed, 0);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  if (code !== 0) process.stdout.write(`npm test failed (exit ${code})\n`);
  process.exit(code);
}

mkdirSync("test-results", { recursive: true });

let code = await run("typecheck (tsc)", bin("tsc"), ["--noEmit"]);
if (code !== 0) finish(code);

code = await run("lint (eslint)", bin("eslint"), ["--max-warnings", "0", "."]);
if (code !== 0) finish(code);

// Type-only imports are excepted (.madgerc): they vanish at compile time and cannot form a cycle.
code = await run("import cycles (madge)", "npm", ["run", "--silent", "check:cycles"]);
if (code !== 0) finish(code);

rmSync("test-results/vitest.json", { force: true });
code = await run("vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
if (existsSync("test-results/vitest.json")) {
  const r = JSON.parse(readFileSync("test-results/vitest.json", "utf8")) as { numPassedTests: number; numFailedTests: number };
  counts.push({ runner: "vitest", passed: r.numPassedTests, failed: r.numFailedTests });
}
// A failed test fails the run even if a runner's exit code said otherwise.
if (code === 0 && failedSoFar() > 0) code = 1;
if (code !== 0) finish(code);

code = await run("next build", process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { NODE_ENV: "production" });
if (code !== 0) finish(code);

rmSync("test-results/playwright.json", { force: true });
code = await run("playwright", bin("playwright"), ["test"]);
if (existsSync("test-results/playwright.json")) {
  const r = JSON.parse(readFileSync("test-results/playwright.json", "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  counts.push({ runner: "playwright", passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected });
}
if (code === 0 && failedSoFar() > 0) code = 1;
finish(code);

function failedSoFar(): number {
  return counts.reduce((n, c) => n + c.failed, 0);
}
