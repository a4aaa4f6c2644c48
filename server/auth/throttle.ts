import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { authThrottle } from "@/db/schema";
import { getSetting } from "@/server/services/settings";

/** Per-address limits are looser than per-account ones: many people may share an address. */
const ADDRESS_FACTOR = 4;

export const throttleKeys = (email: string, address: string) => ({ account: `acct:${email.trim().toLowerCase()}`, address: `ip:${address}` });

export async function isBlocked(db: Tx, keys: { account: string; address: string }): Promise<boolean> {
  const rows = await db
    .select({ key: authThrottle.key })
    .from(authThrottle)
    .where(sql`${inArray(authThrottle.key, [keys.account, keys.address])} and ${authThrottle.blockedUntil} > now()`);
  return rows.length > 0;
}

/** Counts a failure; a key that reaches its limit within the window is blocked for the block time. */
export async function recordFailure(db: Tx, keys: { account: string; address: string }): Promise<void> {
  const max = await getSetting(db, "auth.max_failures");
  const minutes = await getSetting(db, "auth.block_minutes");
  for (const [key, limit] of [[keys.account, max], [keys.address, max * ADDRESS_FACTOR]] as const) {
    await db.execute(sql`
      insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when auth_throttle.window_start < now() - make_interval(mins => ${minutes}) then 1 else auth_throttle.failures + 1 end,
        window_start = case when auth_throttle.window_start < now() - make_interval(mins => ${minutes}) then now() else auth_throttle.window_start end`);
    await db.execute(sql`
      update auth_throttle set blocked_until = now() + make_interval(mins => ${minutes}), failures = 0, window_start = now()
      where key = ${key} and failures >= ${limit}`);
  }
}

export async function clearAccount(db: Tx, keys: { account: string }): Promise<void> {
  await db.delete(authThrottle).where(inArray(authThrottle.key, [keys.account]));
}

/**
 * Takes one of `limit` slots per key per window, atomically (one statement, so concurrent
 * requests cannot both take the last slot). False when the window's slots are used up; a
 * refusal changes nothing.
 */
export async function takeSlot(db: Tx, key: string, limit: number, windowMinutes: number): Promise<boolean> {
  const rows = await db.execute(sql`
    insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes}) then 1 else auth_throttle.failures + 1 end,
      window_start = case when auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes}) then now() else auth_throttle.window_start end
    where auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes}) or auth_throttle.failures < ${limit}
    returning key`);
  return rows.length > 0;
}
