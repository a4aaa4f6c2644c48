import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildMail } from "../helpers/mail";

/**
 * `npm start` as systemd, Docker or a terminal runs it, on a private data directory and ports
 * (START_TEST_PORT, START_TEST_PG_PORT). It needs a production build in NEXT_DIST_DIR (default
 * .next); without one the first start builds it once (minutes), later runs reuse it and take
 * about 30 s for the whole file (one new cluster with the demo seed, two starts, two stops).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_PORT = Number(process.env.START_TEST_PORT ?? 3197);
const PG_PORT = Number(process.env.START_TEST_PG_PORT ?? 5495);
const DATA_DIR = path.join(ROOT, ".test-data", `start-stop-${PG_PORT}`);
const STOP_WITHIN_MS = 10_000;

type Desk = { npm: ChildProcess; output: () => string };

function deskEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), PORT: String(WEB_PORT), LOG_LEVEL: "warn", ...extra };
  // The test process's own database and mode must not leak into the desk.
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "NODE_ENV", "APP_URL", "AUTH_URL", "DESK_CLOCK_FILE"]) delete env[key];
  return env;
}

function npmStart(extra: Record<string, string> = {}): Desk {
  const npm = spawn("npm", ["start"], { cwd: ROOT, env: deskEnv(extra), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  npm.stdout!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  npm.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  return { npm, output: () => out };
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function ready(desk: Desk) {
  // A first run without a build builds it (minutes); otherwise start-up takes seconds.
  await waitUntil("the ready line", () => desk.output().includes("helpdesk: ready at") || desk.npm.exitCode !== null, 15 * 60_000);
  expect(desk.output()).toContain(`helpdesk: ready at http://localhost:${WEB_PORT}`);
}

/** Live processes (zombies count as gone) by pid, with their parent. */
function processTable(): Map<number, { ppid: number; env: string }> {
  const table = new Map<number, { ppid: number; env: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") continue;
      let env = "";
      try {
        env = readFileSync(`/proc/${entry}/environ`, "utf8");
      } catch {
        // not ours to read
      }
      table.set(Number(entry), { ppid: Number(ppid), env });
    } catch {
      // exited while we looked
    }
  }
  return table;
}

function descendants(root: number): number[] {
  const table = processTable();
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, p] of table) if (p.ppid === found[i]) found.push(pid);
  return found.filter((pid) => table.has(pid));
}

/** Every process that carries this desk's data directory in its environment. */
function deskProcesses(): number[] {
  return [...processTable()].filter(([pid, p]) => pid !== process.pid && p.env.split("\0").includes(`DATA_DIR=${DATA_DIR}`)).map(([pid]) => pid);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function expectStopsEverything(desk: Desk, signal: NodeJS.Signals) {
  const tree = descendants(desk.npm.pid!);
  // npm, the supervisor, web, worker, PostgreSQL and its backends.
  expect(tree.length).toBeGreaterThanOrEqual(5);
  expect(deskProcesses().length).toBeGreaterThanOrEqual(4);
  const exited = new Promise<number | null>((r) => desk.npm.once("exit", (code) => r(code)));
  process.kill(desk.npm.pid!, signal);
  const alive = (pid: number) => processTable().has(pid);
  await waitUntil(
    `every desk process to exit after ${signal}`,
    async () => tree.every((pid) => !alive(pid)) && deskProcesses().length === 0 && (await portFree(WEB_PORT)) && (await portFree(PG_PORT)),
    STOP_WITHIN_MS,
  );
  expect(await exited).toBe(0);
  expect(desk.output()).toContain("PostgreSQL stopped");
}

function postmaster(raw: Buffer, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/postmaster.ts"], { cwd: ROOT, env: { ...deskEnv(env) }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(raw);
  });
}

const started: Desk[] = [];
afterAll(async () => {
  // A failed assertion must not leave a desk running for the next test file.
  for (const desk of started) if (desk.npm.exitCode === null) process.kill(desk.npm.pid!, "SIGTERM");
  await waitUntil("leftovers to stop", () => deskProcesses().length === 0, 20_000).catch(() => {
    for (const pid of deskProcesses()) process.kill(pid, "SIGKILL");
  });
});

describe("npm start stops like a service", { timeout: 20 * 60_000 }, () => {
  it("SIGTERM to npm start stops web, worker and PostgreSQL within 10 s; the postmaster finds the running cluster from DATA_DIR alone", async () => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    const desk = npmStart();
    started.push(desk);
    await ready(desk);
    expect(desk.output()).toContain("demo sign-in: admin@example.com / demo1234");
    // Without EMBEDDED_PG_PORT the default port (5499) would be wrong: the data directory says where the cluster runs.
    const env = deskEnv();
    delete env.EMBEDDED_PG_PORT;
    const piped = await postmaster(buildMail({ subject: "Found by data directory" }), env as Record<string, string>);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ outcome: "created" });

    const second = npmStart();
    started.push(second);
    const code = await new Promise<number | null>((r) => second.npm.once("exit", r));
    expect(code).not.toBe(0);
    const ours = second.output().split("\n").filter((l) => l.startsWith("helpdesk:"));
    expect(ours).toEqual([`helpdesk: port ${WEB_PORT} is already in use (is the desk already running?): stop what uses it, or set PORT to a free port`]);
    expect(second.output()).not.toContain("EADDRINUSE");

    await expectStopsEverything(desk, "SIGTERM");
  });

  it("a crashed worker is started again; SIGINT to that process alone (not its group) stops everything within 10 s too", async () => {
    const desk = npmStart();
    started.push(desk);
    await ready(desk);
    const workers = () => deskProcesses().filter((pid) => processTable().get(pid)?.env.split("\0").includes("HELPDESK_PROCESS=worker"));
    const [crashed] = workers();
    expect(crashed).toBeDefined();
    process.kill(crashed!, "SIGKILL");
    await waitUntil("a new worker", () => workers().some((pid) => pid !== crashed), 30_000);
    expect(desk.output()).toContain("the worker process exited; starting it again");
    expect(desk.npm.exitCode).toBeNull();
    await expectStopsEverything(desk, "SIGINT");
  });

  it("the postmaster names DATA_DIR when no desk database is there", async () => {
    const missing = path.join(ROOT, ".test-data", "no-desk-here");
    expect(existsSync(missing)).toBe(false);
    const run = await postmaster(buildMail(), { DATA_DIR: missing });
    expect(run.code).toBe(75);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim()).toBe(
      `helpdesk postmaster: no desk database in ${missing}: set DATA_DIR to the data directory the desk runs with (npm start uses ${path.join(ROOT, ".data")} unless DATA_DIR is set), or DATABASE_URL`,
    );
    expect(existsSync(missing)).toBe(false);
  });
});
