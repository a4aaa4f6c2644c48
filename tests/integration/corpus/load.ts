import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/** The shared corpora (CI provides ../shared); never copied into the project, never edited. */
export const CORPORA = path.resolve("../shared/corpora");
export const FOLDERS = ["mailparser", "php-imap", "postal-mime", "zammad", "znuny"] as const;
export type Folder = (typeof FOLDERS)[number];

export const corporaPresent = () => existsSync(path.join(CORPORA, "README.md"));

// An entry of a folder's EXPECTED.json: every field is either null (not asserted) or a value.
export type Entry = Record<string, unknown>;

export function expectedOf(folder: Folder): { meta: Record<string, unknown>; files: Record<string, Entry> } {
  const json = JSON.parse(readFileSync(path.join(CORPORA, folder, "EXPECTED.json"), "utf8")) as { _meta: Record<string, unknown>; files: Record<string, Entry> };
  return { meta: json._meta, files: json.files };
}

/** Every message file of a folder (recursively), relative to the folder. */
export function messageFiles(folder: Folder): string[] {
  const root = path.join(CORPORA, folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return walk(full);
      return /\.(eml|box)$/.test(name) ? [path.relative(root, full)] : [];
    });
  return walk(root).sort();
}

export const readMessage = (folder: Folder, file: string) => readFileSync(path.join(CORPORA, folder, file));

export function readJson<T>(folder: Folder, file: string): T {
  return JSON.parse(readFileSync(path.join(CORPORA, folder, file), "utf8")) as T;
}

const rubySchema = yaml.DEFAULT_SCHEMA.extend([
  new yaml.Type("!ruby/hash:ActiveSupport::HashWithIndifferentAccess", { kind: "mapping", construct: (data: unknown) => data }),
  new yaml.Type("!binary", { kind: "scalar", construct: (data: string) => Buffer.from(data, "base64") }),
]);

export type ZammadYml = { body?: string; attachments?: { filename: string; data: string | Buffer }[] };

/** Zammad's own expectation file next to a .box (the full body the EXPECTED snippet is cut from). */
export function zammadYml(file: string): ZammadYml {
  return yaml.load(readFileSync(path.join(CORPORA, "zammad", file.replace(/\.box$/, ".yml")), "utf8"), { schema: rubySchema }) as ZammadYml;
}
