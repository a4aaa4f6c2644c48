import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * `npm run bench:memory`: the idle demo desk's memory. Starts `npm start` on a private data
 * directory and ports (a new cluster with the demo seed unless BENCH_MEMORY_KEEP=1 reuses it),
 * waits for the ready line and then BENCH_IDLE_SECONDS (30) of idleness, sums the proportional
 * set size (PSS: shared pages divided among the processes sharing them) of every process in the
 * tree under npm, prints it per process, and stops the desk with SIGTERM as a service manager does.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.BENCH_MEMORY_PORT ?? 3198);
const PG_PORT = Number(process.env.BENCH_MEMORY_PG_PORT ?? 5498);
const IDLE_S = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const DATA_DIR = path.join(ROOT, ".test-data", `memory-${PG_PORT}`);

if (process.env.BENCH_MEMORY_KEEP !== "1") rmSync(DATA_DIR, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), PORT: String(PORT), LOG_LEVEL: "warn" };
for (const key of ["DATABASE_URL", "AUTH_SECRET", "NODE_ENV", "APP_URL", "AUTH_URL"]) delete env[key];

const npm = spawn("npm", ["start"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
let out = "";
npm.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
npm.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
const started = Date.now();
while (!out.includes("helpdesk: ready at")) {
  if (npm.exitCode !== null || Date.now() - started > 20 * 60_000) {
    process.stderr.write(out);
    throw new Error("npm start did not become ready");
  }
  await new Promise((r) => setTimeout(r, 200));
}
const readyAfter = (Date.now() - started) / 1000;
// One page load so the web process has loaded what serving a page needs, as a desk in use has.
await fetch(`http://127.0.0.1:${PORT}/`).then((r) => r.arrayBuffer());
await new Promise((r) => setTimeout(r, IDLE_S * 1000));

const rows = tree(npm.pid!).map((pid) => ({ pid, name: label(pid), pss: pssKiB(pid) }));
const groups = new Map<string, { n: number; kib: number }>();
for (const r of rows) {
  const g = groups.get(r.name) ?? { n: 0, kib: 0 };
  groups.set(r.name, { n: g.n + 1, kib: g.kib + r.pss });
}
const mib = (kib: number) => (kib / 1024).toFixed(1);
const total = rows.reduce((s, r) => s + r.pss, 0);
console.log(`ready after ${readyAfter.toFixed(1)} s, then ${IDLE_S} s idle\n`);
console.log("| process | count | PSS MiB |\n| --- | ---: | ---: |");
for (const [name, g] of [...groups].sort((a, b) => b[1].kib - a[1].kib)) console.log(`| ${name} | ${g.n} | ${mib(g.kib)} |`);
console.log(`| **total** | ${rows.length} | **${mib(total)}** |`);

npm.kill("SIGTERM");
await new Promise((r) => (npm.exitCode !== null ? r(null) : npm.once("exit", r)));

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  return map;
}

function tree(root: number): number[] {
  const map = children();
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...(map.get(found[i]!) ?? []));
  return found;
}

function pssKiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** What the process is: npm, the supervisor, web, worker, PostgreSQL (postmaster or backend). */
function label(pid: number): string {
  let argv: string[] = [];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return "?";
  }
  const joined = argv.join(" ");
  if (/postgres/.test(argv[0] ?? "")) return argv.length > 1 ? "PostgreSQL postmaster" : `PostgreSQL ${joined.replace(/^postgres: /, "").split(" ")[0]}`;
  if (/^npm/.test(joined) || /npm-cli/.test(joined)) return "npm";
  if (/^(sh|\/bin\/sh)\b/.test(joined)) return "sh";
  const script = argv.find((a) => /(scripts|\.build)\/[\w/-]+\.(ts|m?js)$/.test(a) || a.endsWith("bin/next"));
  return `node ${script ? path.relative(ROOT, script) : joined.slice(0, 60)}`;
}
