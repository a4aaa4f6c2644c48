// Plain JavaScript on purpose: `npm start` runs this before anything else, without a TypeScript loader.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/**
 * Compiles the desk's own processes (supervisor, database preparation, worker, web server) into
 * `.build/server/*.mjs`: each an ES module bundle of the project's code, with the packages left
 * to node_modules. They then run on plain Node, without tsx compiling TypeScript in every process
 * (about 100 MB per process). Skipped when no input changed since the last build (the input
 * files and their modification times are kept next to the output).
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, ".build", "server");
const STAMP = path.join(OUT, "inputs.json");
const ENTRIES = { start: "scripts/start.ts", prepare: "scripts/prepare.ts", worker: "scripts/worker.ts", web: "scripts/web.ts" };

if (!upToDate()) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Dynamic imports stay lazy (their own chunks): the UploadThing SDK, the demo seed and the
    // migrations load only in the process, and at the moment, that needs them.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => [file, statSync(path.join(ROOT, file)).mtimeMs]);
  writeFileSync(STAMP, JSON.stringify({ entries: ENTRIES, inputs }));
}

function upToDate() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, "utf8"));
    if (JSON.stringify(stamp.entries) !== JSON.stringify(ENTRIES)) return false;
    for (const name of Object.keys(ENTRIES)) statSync(path.join(OUT, `${name}.mjs`));
    return stamp.inputs.every(([file, mtime]) => statSync(path.join(ROOT, file)).mtimeMs === mtime);
  } catch {
    return false;
  }
}
