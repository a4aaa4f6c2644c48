import path from "node:path";
import postgres from "postgres";
import { Managed, sleep, tsxCommand } from "@/scripts/chaos/processes";

/**
 * The desk's own production processes for a load run: `scripts/web.ts` (Next.js from the build in
 * NEXT_DIST_DIR, default .next-bench) and `scripts/worker.ts`, each in its own process group so a
 * kill -9 takes it whole, restarted after a crash that nobody asked for (as a service manager).
 */
export function webProcess(name: string, port: number, env: NodeJS.ProcessEnv, logDir: string): Managed {
  const base = `http://127.0.0.1:${port}`;
  return new Managed(name, tsxCommand("scripts/web.ts", ["-p", String(port), "-H", "127.0.0.1"]), { NEXT_DIST_DIR: ".next-bench", ...env, NODE_ENV: "production", HELPDESK_PROCESS: name, APP_URL: env.APP_URL ?? base, AUTH_URL: env.AUTH_URL ?? env.APP_URL ?? base }, logDir);
}

export function workerProcess(name: string, env: NodeJS.ProcessEnv, logDir: string): Managed {
  return new Managed(name, tsxCommand("scripts/worker.ts"), { ...env, HELPDESK_PROCESS: name }, logDir);
}

/** Until `base` answers its health check (a production start takes a while on a busy machine). */
export async function waitForWeb(base: string, logDir: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok).catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(`${base} did not answer; see the logs in ${path.resolve(logDir)}`);
}

/** The address customers write to (the desk's first system address). */
export async function deskAddress(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ address: string }[]>`select address from system_addresses where valid order by id limit 1`;
    return row?.address ?? "support@bench.example";
  } finally {
    await sql.end();
  }
}
