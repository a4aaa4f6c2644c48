import { readFileSync } from "node:fs";

/**
 * `npx tsx bench/cpuprofile.ts <file.cpuprofile> [top]`: where a `--cpu-prof` profile's self time
 * went, by package (node_modules/<name>, the desk's own bundle, Node internals, GC) and by
 * function. For the web process under `BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=…" npm run bench`.
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx bench/cpuprofile.ts <file.cpuprofile> [top]");
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function packageOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "(gc)";
  if (name === "(idle)" || name === "(program)" || name === "(root)") return name;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:") || url === "") return "(node)";
  if (url.includes("/.build/server/")) return "(desk: .build/server)";
  return url;
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const pkg = packageOf(n.callFrame.url, n.callFrame.functionName);
  if (pkg !== "(idle)") total += us;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const short = n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^.*\/\.build\/server\//, ".build/");
  const key = `${n.callFrame.functionName || "(anonymous)"} ${short}:${n.callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}

const ms = (us: number) => (us / 1000).toFixed(1).padStart(9);
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
console.log(`busy (not idle) ${ms(total)} ms over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s\n\nby package:`);
for (const [k, v] of sorted(byPackage).slice(0, 30)) console.log(`${ms(v)} ms ${pct(v)}  ${k}`);
console.log(`\nby function (self):`);
for (const [k, v] of sorted(byFunction).slice(0, top)) console.log(`${ms(v)} ms ${pct(v)}  ${k}`);
