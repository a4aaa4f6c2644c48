import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { authThrottle, users } from "@/db/schema";
import { loadActor } from "@/server/auth/actor";
import { checkCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import { getSetting, setSetting } from "@/server/services/settings";
import { registerCustomer } from "@/server/services/users/register";
import { callerForSession } from "../helpers/session";
import { settle } from "../helpers/refusals";
import { createAgent, createCustomer } from "../factories";

const PASSWORD = "correct horse battery staple";
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

/** Each test signs in from its own address so the per-address counter of one never blocks another. */
const newAddress = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;

async function throttleRows(keys: string[]) {
  return db.select().from(authThrottle).where(inArray(authThrottle.key, keys));
}

describe("checkCredentials", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const user = await createCustomer({ passwordHash });
    const address = newAddress();
    const ok = await checkCredentials(db, user.email, PASSWORD, address);
    expect(ok).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "customer", sessionVersion: user.sessionVersion } });
    const [signedIn] = await db.select({ at: users.lastSignInAt }).from(users).where(eq(users.id, user.id));
    expect(signedIn?.at).toBeInstanceOf(Date);

    expect(await checkCredentials(db, user.email, "wrong password", address)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, `nobody-${randomUUID()}@test.example`, PASSWORD, address)).toEqual({ ok: false, reason: "invalid" });
  });

  it("matches the e-mail case-insensitively", async () => {
    const user = await createCustomer({ passwordHash });
    const result = await checkCredentials(db, `  ${user.email.toUpperCase()} `, PASSWORD, newAddress());
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("after 5 wrong passwords even the right one is rate_limited; the counters live in auth_throttle", async () => {
    expect(await getSetting(db, "auth.max_failures")).toBe(5);
    const user = await createAgent({ values: { passwordHash } });
    const address = newAddress();
    const accountKey = `acct:${user.email.toLowerCase()}`;
    for (let i = 1; i <= 4; i++) {
      expect(await checkCredentials(db, user.email, `wrong ${i}`, address)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await throttleRows([accountKey])).toEqual([expect.objectContaining({ key: accountKey, failures: 4, blockedUntil: null })]);
    expect(await checkCredentials(db, user.email, "wrong 5", address)).toEqual({ ok: false, reason: "invalid" });

    const [blocked] = await throttleRows([accountKey]);
    expect(blocked?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await checkCredentials(db, user.email, PASSWORD, address)).toEqual({ ok: false, reason: "rate_limited" });
    // The block is on the account, not the address it came from.
    expect(await checkCredentials(db, user.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "rate_limited" });

    await db.update(authThrottle).set({ blockedUntil: sql`now() - interval '1 second'` }).where(eq(authThrottle.key, accountKey));
    expect(await checkCredentials(db, user.email, PASSWORD, address)).toMatchObject({ ok: true });
  });

  it("a successful sign-in below the limit clears the account's counter", async () => {
    const user = await createCustomer({ passwordHash });
    const address = newAddress();
    const accountKey = `acct:${user.email.toLowerCase()}`;
    for (let i = 0; i < 4; i++) await checkCredentials(db, user.email, "wrong", address);
    expect(await throttleRows([accountKey])).toHaveLength(1);
    expect(await checkCredentials(db, user.email, PASSWORD, address)).toMatchObject({ ok: true });
    expect(await throttleRows([accountKey])).toEqual([]);
    // Counting starts again from zero: four more failures do not block.
    for (let i = 0; i < 4; i++) await checkCredentials(db, user.email, "wrong", address);
    expect(await checkCredentials(db, user.email, PASSWORD, address)).toMatchObject({ ok: true });
  });

  it("20 failures from one address block that address, even for another account", async () => {
    const victim = await createCustomer({ passwordHash });
    const address = newAddress();
    const addressKey = `ip:${address}`;
    // 5 accounts × 4 failures: no account reaches its own limit, the address does.
    const guessed = Array.from({ length: 5 }, () => `guess-${randomUUID().slice(0, 8)}@test.example`);
    for (let i = 0; i < 19; i++) await checkCredentials(db, guessed[i % 5]!, "wrong", address);
    expect(await throttleRows([addressKey])).toEqual([expect.objectContaining({ failures: 19, blockedUntil: null })]);
    expect(await checkCredentials(db, victim.email, PASSWORD, address)).toMatchObject({ ok: true });

    expect(await checkCredentials(db, guessed[4]!, "wrong", address)).toEqual({ ok: false, reason: "invalid" });
    const [row] = await throttleRows([addressKey]);
    expect(row?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await checkCredentials(db, victim.email, PASSWORD, address)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await checkCredentials(db, victim.email, PASSWORD, newAddress())).toMatchObject({ ok: true });
    const accountRows = await throttleRows(guessed.map((e) => `acct:${e}`));
    expect(accountRows.every((r) => r.blockedUntil === null && r.failures === 4)).toBe(true);
  });

  it("a disabled user is refused as 'disabled', an unapproved one as 'unapproved' (right password only)", async () => {
    const disabled = await createCustomer({ passwordHash, enabled: false });
    const unapproved = await createCustomer({ passwordHash, approved: false });
    const address = newAddress();
    expect(await checkCredentials(db, disabled.email, PASSWORD, address)).toEqual({ ok: false, reason: "disabled" });
    expect(await checkCredentials(db, unapproved.email, PASSWORD, address)).toEqual({ ok: false, reason: "unapproved" });
    // A wrong password learns nothing about the account's state.
    expect(await checkCredentials(db, disabled.email, "wrong", address)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, unapproved.email, "wrong", address)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sessions are re-checked on every request", () => {
  it("loadActor refuses a disabled user, an unapproved user and a stale session version", async () => {
    const user = await createCustomer();
    expect(await loadActor(db, user.id, user.sessionVersion)).toMatchObject({ id: user.id, role: "customer", email: user.email });
    expect(await loadActor(db, user.id, user.sessionVersion + 1)).toBeNull();
    expect(await loadActor(db, 987_654_321, 1)).toBeNull();
    await db.update(users).set({ approved: false }).where(eq(users.id, user.id));
    expect(await loadActor(db, user.id, user.sessionVersion)).toBeNull();
  });

  it("a disabled user is refused on the next request", async () => {
    const agent = await createAgent();
    const session = { userId: agent.id, sessionVersion: agent.sessionVersion };
    const first = await callerForSession(session);
    expect(await first.meta.me()).toMatchObject({ id: agent.id, role: "agent" });

    await db.update(users).set({ enabled: false }).where(eq(users.id, agent.id));
    const next = await callerForSession(session);
    const refused = await settle(next.meta.me());
    expect(refused.outcome).toBe("UNAUTHORIZED");
    expect(refused.message).toMatch(/session has ended/);
  });

  it("bumping session_version ends existing sessions; a session with the new version works", async () => {
    const customer = await createCustomer();
    const session = { userId: customer.id, sessionVersion: customer.sessionVersion };
    expect(await (await callerForSession(session)).meta.me()).toMatchObject({ id: customer.id });

    await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, customer.id));
    expect((await settle((await callerForSession(session)).meta.me())).outcome).toBe("UNAUTHORIZED");
    const fresh = { userId: customer.id, sessionVersion: customer.sessionVersion + 1 };
    expect(await (await callerForSession(fresh)).meta.me()).toMatchObject({ id: customer.id });
  });

  it("no session at all is UNAUTHORIZED with the plain sign-in message", async () => {
    const refused = await settle((await callerForSession(null)).meta.me());
    expect(refused).toMatchObject({ outcome: "UNAUTHORIZED", message: "Please sign in." });
  });
});

describe("customer registration", () => {
  const input = () => ({ name: "New Customer", email: `new-${randomUUID().slice(0, 8)}@test.example`, password: "long enough password" });

  async function userByEmail(email: string) {
    const [row] = await db.select().from(users).where(eq(users.email, email));
    return row;
  }

  // The confirmation link itself is exercised in account.test.ts; here the address is marked confirmed directly.
  const markConfirmed = (id: number) => db.update(users).set({ emailConfirmedAt: new Date() }).where(eq(users.id, id));

  it("open: the account is active and can sign in once the address is confirmed", async () => {
    await setSetting(db, "auth.registration", "open");
    const values = input();
    const result = await registerCustomer(db, values);
    expect(result).toEqual({ status: "active", id: expect.any(Number) });
    expect(await userByEmail(values.email)).toMatchObject({ id: result.id, role: "customer", approved: true, enabled: true, emailConfirmedAt: null });
    expect(await checkCredentials(db, values.email, values.password, newAddress())).toEqual({ ok: false, reason: "unconfirmed" });
    await markConfirmed(result.id);
    expect(await checkCredentials(db, values.email, values.password, newAddress())).toMatchObject({ ok: true, user: { id: result.id } });
  });

  it("approval: the account waits for approval and cannot sign in yet", async () => {
    await setSetting(db, "auth.registration", "approval");
    const values = input();
    const result = await registerCustomer(db, values);
    expect(result).toEqual({ status: "pending_approval", id: expect.any(Number) });
    expect(await userByEmail(values.email)).toMatchObject({ approved: false });
    await markConfirmed(result.id);
    expect(await checkCredentials(db, values.email, values.password, newAddress())).toEqual({ ok: false, reason: "unapproved" });
  });

  it("closed: registration is refused with FORBIDDEN and no user is created", async () => {
    await setSetting(db, "auth.registration", "closed");
    const values = input();
    const error = await registerCustomer(db, values).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(await userByEmail(values.email)).toBeUndefined();
  });

  it("a duplicate e-mail, in any case, is a CONFLICT", async () => {
    await setSetting(db, "auth.registration", "open");
    const values = input();
    await registerCustomer(db, values);
    for (const email of [values.email, values.email.toUpperCase()]) {
      const error = await registerCustomer(db, { ...values, email }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already exists/) });
    }
    const agent = await createAgent();
    const error = await registerCustomer(db, { ...values, email: agent.email.toUpperCase() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(await db.$count(users, sql`lower(${users.email}) = ${values.email.toLowerCase()}`)).toBe(1);
  });
});
