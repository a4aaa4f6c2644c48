import { inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { authThrottle } from "@/db/schema";
import { getSetting } from "@/server/services/settings";

/** Per-address limits are looser than per-account ones: many people may share an address. */
const ADDRESS_FACTOR = 4;
/** An address the account signed in from within this many days counts as the owner's. */
const KNOWN_DAYS = 90;

/**
 * The sign-in throttle's keys. Wrong passwords slow down the pair (this account from this
 * address) and the address; the account as a whole only slows down guesses from addresses it
 * never signed in from. So a guesser cannot lock the owner out, and a clean address (or the
 * owner's usual one) still signs in with the right password.
 */
export type SignInKeys = { account: string; address: string; pair: string; known: string };

export function throttleKeys(email: string, address: string): SignInKeys {
  const who = email.trim().toLowerCase();
  return { account: `acct:${who}`, address: `ip:${address}`, pair: `pair:${who}|${address}`, known: `known:${who}|${address}` };
}

/** Refused before the password is even checked (the same for accounts that exist and those that do not). */
export async function isBlocked(db: Tx, keys: SignInKeys): Promise<boolean> {
  if (await blocked(db, [keys.pair, keys.address])) return true;
  return (await blocked(db, [keys.account])) && !(await isKnown(db, keys.known));
}

/** Counts a wrong password on the pair, the address and (with a growing delay) the account. */
export async function recordFailure(db: Tx, keys: SignInKeys): Promise<void> {
  const max = await getSetting(db, "auth.max_failures");
  await countFailures(db, [
    { key: keys.pair, limit: max },
    { key: keys.address, limit: max * ADDRESS_FACTOR },
    { key: keys.account, limit: max * ADDRESS_FACTOR, growing: true },
  ]);
}

/** The right password: this address becomes one of the owner's, and the pair and account start afresh. */
export async function recordSuccess(db: Tx, keys: SignInKeys): Promise<void> {
  await clearAccount(db, keys);
  await db.execute(sql`
    insert into auth_throttle (key, failures, window_start) values (${keys.known}, 0, now())
    on conflict (key) do update set window_start = now()`);
}

/** Forgets an account's counters (a new password was set, or the right one given). */
export async function clearAccount(db: Tx, keys: Pick<SignInKeys, "account">): Promise<void> {
  const who = keys.account.slice("acct:".length);
  await db.delete(authThrottle).where(or(inArray(authThrottle.key, [keys.account]), like(authThrottle.key, `pair:${escapeLike(who)}|%`)));
}

export type FailureLimit = { key: string; limit: number; growing?: boolean };

export async function blocked(db: Tx, keys: string[]): Promise<boolean> {
  const rows = await db
    .select({ key: authThrottle.key })
    .from(authThrottle)
    .where(sql`${inArray(authThrottle.key, keys)} and ${authThrottle.blockedUntil} > now()`);
  return rows.length > 0;
}

/**
 * Counts a failure per key within the block window. A plain key that reaches its limit is
 * blocked for the block time and starts counting again; a growing key stays counted and each
 * failure past the limit doubles its delay (15 s, 30 s, … up to the block time).
 */
export async function countFailures(db: Tx, limits: FailureLimit[]): Promise<void> {
  const minutes = await getSetting(db, "auth.block_minutes");
  for (const { key, limit, growing } of limits) {
    await db.execute(sql`
      insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when auth_throttle.window_start < now() - make_interval(mins => ${minutes}) then 1 else auth_throttle.failures + 1 end,
        window_start = case when auth_throttle.window_start < now() - make_interval(mins => ${minutes}) then now() else auth_throttle.window_start end`);
    if (growing) {
      await db.execute(sql`
        update auth_throttle
        set blocked_until = now() + make_interval(secs => least(${minutes}::int * 60, 15 * power(2, least(failures - ${limit}::int, 16))))
        where key = ${key} and failures >= ${limit}::int`);
    } else {
      await db.execute(sql`
        update auth_throttle set blocked_until = now() + make_interval(mins => ${minutes}), failures = 0, window_start = now()
        where key = ${key} and failures >= ${limit}::int`);
    }
  }
}

async function isKnown(db: Tx, key: string): Promise<boolean> {
  const rows = await db
    .select({ key: authThrottle.key })
    .from(authThrottle)
    .where(sql`${authThrottle.key} = ${key} and ${authThrottle.windowStart} > now() - make_interval(days => ${KNOWN_DAYS})`);
  return rows.length > 0;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Takes one of `limit` slots per key per window, atomically (one statement, so concurrent
 * requests cannot both take the last slot). False when the window's slots are used up; a
 * refusal changes nothing.
 */
export async function takeSlot(db: Tx, key: string, limit: number, windowMinutes: number): Promise<boolean> {
  const rows = await db.execute(takeSlotSql(key, limit, windowMinutes));
  return rows.length > 0;
}

/** takeSlot's statement (returning the key when a slot was taken), for callers that add to it. */
export function takeSlotSql(key: string, limit: number, windowMinutes: number): SQL {
  return sql`
    insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes}) then 1 else auth_throttle.failures + 1 end,
      window_start = case when auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes}) then now() else auth_throttle.window_start end
    where auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes}) or auth_throttle.failures < ${limit}
    returning key`;
}
