/**
 * A few seconds of memory for configuration that every ingest and request reads (settings,
 * states, priorities, system addresses, filters). Changes made in this process drop the cache
 * at once; other instances see them within the TTL, which is the only staleness allowed.
 */
// Read per call, so a test can turn the cache on for its own file (the suite runs with it off).
const ttlMs = () => Number(process.env.CONFIG_CACHE_MS ?? 5_000);
// One per process, like the database handle: the production web server answers /api/trpc from its
// own bundle (scripts/web.ts) beside Next's, and a change made through either must drop both's view.
const globalForConfig = globalThis as unknown as { helpdeskConfigCache?: Map<string, { at: number; value: Promise<unknown> }> };
const entries = (globalForConfig.helpdeskConfigCache ??= new Map());

export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < ttlMs()) return hit.value as Promise<T>;
  const value = load().catch((error: unknown) => {
    entries.delete(key);
    throw error;
  });
  entries.set(key, { at: Date.now(), value });
  return value;
}

export function invalidateConfig(prefix = ""): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}
