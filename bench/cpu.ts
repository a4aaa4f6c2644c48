import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stats(): { pid: number; ppid: number; ms: number }[] {
  const out: { pid: number; ppid: number; ms: number }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command name, which may itself contain spaces and parentheses.
      const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      out.push({ pid: Number(name), ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** CPU milliseconds used so far by each root process and all its descendants (Linux only). */
export function cpuOfTrees(roots: Record<string, number | undefined>): Record<string, number> {
  const all = stats();
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const byPid = new Map(all.map((p) => [p.pid, p.ms]));
  const result: Record<string, number> = {};
  for (const [label, root] of Object.entries(roots)) {
    let ms = 0;
    const stack = root ? [root] : [];
    while (stack.length) {
      const pid = stack.pop()!;
      ms += byPid.get(pid) ?? 0;
      stack.push(...(children.get(pid) ?? []));
    }
    result[label] = ms;
  }
  return result;
}

/** The postmaster's pid of the cluster in `dataDir` (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
  } catch {
    return undefined;
  }
}
