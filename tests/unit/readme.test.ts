import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string }; devDependencies: Record<string, string> };

describe("README truths", () => {
  it("names the Node version package.json's engines asks for, and the Node the scripts run on", () => {
    const major = /^>=(\d+)$/.exec(pkg.engines.node)?.[1];
    expect(major, "engines.node is a plain lower bound").toBeDefined();
    expect(readme).toContain(`Node.js (${major} or newer`);
    expect(readme).toContain(`run on Node ${pkg.devDependencies.node!.split(".")[0]}`);
  });

  it("links and points only to files a clone of the repository has", () => {
    expect(readme).not.toMatch(/\.\.\//);
    const paths = [...readme.matchAll(/`((?:docs|scripts|tests|app|server|db|jobs)\/[\w./-]+\.\w+)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(0);
    for (const file of paths) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it("shows the line the first start prints, as scripts/start.ts prints it", () => {
    const start = readFileSync(path.join(ROOT, "scripts/start.ts"), "utf8");
    expect(start).toContain("helpdesk: ready at ${childEnv.APP_URL}${demo}");
    expect(start).toContain(" — demo sign-in: admin@example.com / demo1234 (agents, customers: see README)");
    expect(readme).toContain("helpdesk: ready at http://localhost:3000 — demo sign-in: admin@example.com / demo1234 (agents, customers: see README)");
  });
});
