import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { binDir } from "@/db/embedded";

/**
 * A process the chaos run owns: started in its own process group, so `kill()` is a kill -9 of
 * the process and everything it started (PostgreSQL's backends, say), like a machine losing it.
 * When it dies on its own (a worker that could not reach a database that was down, say), it is
 * started again after a second, as a service manager would.
 */
export class Managed {
  private child: ChildProcess | null = null;
  private stopping = false;
  private log: WriteStream;
  kills = 0;
  starts = 0;
  /** Exits nobody asked for (a crash, or a start while the database was down); restarted. */
  crashes = 0;

  constructor(
    readonly name: string,
    private readonly command: () => { file: string; args: string[]; uid?: number; gid?: number },
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child || this.stopping) return;
    const { file, args, uid, gid } = this.command();
    const child = spawn(file, args, { env: this.env, cwd: process.cwd(), detached: true, stdio: ["ignore", "pipe", "pipe"], uid, gid });
    this.starts++;
    this.log.write(`--- start ${new Date().toISOString()} pid ${child.pid}\n`);
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    child.once("exit", (code, signal) => {
      this.log.write(`--- exit ${new Date().toISOString()} code ${code} signal ${signal}\n`);
      if (this.child === child) {
        this.child = null;
        if (!this.stopping && signal !== "SIGKILL") {
          this.crashes++;
          setTimeout(() => this.start(), 1000).unref();
        }
      }
    });
  }

  /** kill -9 of the whole process group; resolves once the leader is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.kills++;
    this.child = null;
    const gone = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    await gone;
  }

  /** Ends it for good (SIGKILL too: the run's data directory is thrown away afterwards). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.kill();
    this.kills--;
  }
}

/** The node that runs this script (the pinned one, through npm run), with tsx as the loader. */
export function tsxCommand(script: string, args: string[] = []) {
  return () => ({ file: process.execPath, args: ["--import", "tsx", script, ...args] });
}

/** The embedded cluster's own `postgres` binary on a data directory initialised beforehand. */
export function postgresCommand(pgDir: string, port: number) {
  const ids = process.getuid?.() === 0 ? postgresUser() : {};
  return () => ({
    file: path.join(binDir(), "bin", "postgres"),
    args: ["-D", pgDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "shared_buffers=64MB"],
    ...ids,
  });
}

function postgresUser() {
  return {
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  };
}

/** Waits until PostgreSQL answers (crash recovery included). */
export async function waitForDatabase(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
