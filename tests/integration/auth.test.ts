import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { authThrottle, outbox, users } from "@/db/schema";
import { loadActor } from "@/server/auth/actor";
import { checkCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import { getSetting, setSetting } from "@/server/services/settings";
import { registerCustomer } from "@/server/services/users/register";
import { endSessions } from "@/server/services/users/sessions";
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

  it("five wrong passwords from one address do not lock the owner out: the right password from a clean address signs in", async () => {
    expect(await getSetting(db, "auth.max_failures")).toBe(5);
    const admin = await createAgent({ admin: true, values: { passwordHash } });
    const attacker = newAddress();
    const pairKey = `pair:${admin.email.toLowerCase()}|${attacker}`;
    for (let i = 1; i <= 5; i++) {
      expect(await checkCredentials(db, admin.email, `wrong ${i}`, attacker)).toEqual({ ok: false, reason: "invalid" });
    }
    // That address may not try this account again for a while, not even with the right password…
    const [pair] = await throttleRows([pairKey]);
    expect(pair?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await checkCredentials(db, admin.email, PASSWORD, attacker)).toEqual({ ok: false, reason: "rate_limited" });
    // …but the owner, from anywhere else, signs in.
    expect(await checkCredentials(db, admin.email, PASSWORD, newAddress())).toMatchObject({ ok: true, user: { id: admin.id } });
  });

  it("guesses spread over many addresses slow the account down for unknown addresses only", async () => {
    const user = await createCustomer({ passwordHash });
    const home = newAddress();
    expect(await checkCredentials(db, user.email, PASSWORD, home)).toMatchObject({ ok: true });
    const accountKey = `acct:${user.email.toLowerCase()}`;
    // 20 addresses × 1 guess: no pair and no address reaches its limit, the account does.
    for (let i = 0; i < 20; i++) await checkCredentials(db, user.email, "wrong", newAddress());
    const [first] = await throttleRows([accountKey]);
    expect(first?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
    const firstDelay = first!.blockedUntil!.getTime() - Date.now();
    expect(await checkCredentials(db, user.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "rate_limited" });
    // The owner's own address is not slowed down.
    expect(await checkCredentials(db, user.email, PASSWORD, home)).toMatchObject({ ok: true });

    // The delay grows with every further failure.
    for (let i = 0; i < 20; i++) await checkCredentials(db, user.email, "wrong", newAddress());
    await db.update(authThrottle).set({ blockedUntil: null }).where(eq(authThrottle.key, accountKey));
    for (let i = 0; i < 4; i++) await checkCredentials(db, user.email, "wrong", newAddress());
    const [later] = await throttleRows([accountKey]);
    expect(later!.blockedUntil!.getTime() - Date.now()).toBeGreaterThan(firstDelay);
  });

  it("a successful sign-in clears the account's counters", async () => {
    const user = await createCustomer({ passwordHash });
    const address = newAddress();
    const pairKey = `pair:${user.email.toLowerCase()}|${address}`;
    for (let i = 0; i < 4; i++) await checkCredentials(db, user.email, "wrong", address);
    expect(await throttleRows([pairKey])).toHaveLength(1);
    expect(await checkCredentials(db, user.email, PASSWORD, address)).toMatchObject({ ok: true });
    expect(await throttleRows([pairKey, `acct:${user.email.toLowerCase()}`])).toEqual([]);
    // Counting starts again from zero: four more failures do not block.
    for (let i = 0; i < 4; i++) await checkCredentials(db, user.email, "wrong", address);
    expect(await checkCredentials(db, user.email, PASSWORD, address)).toMatchObject({ ok: true });
  });

  it("20 failures from one address block that address, even for another account", async () => {
    const victim = await createCustomer({ passwordHash });
    const address = newAddress();
    const addressKey = `ip:${address}`;
    // 5 accounts × 4 failures: no pair reaches its own limit, the address does.
    const guessed = Array.from({ length: 5 }, () => `guess-${randomUUID().slice(0, 8)}@test.example`);
    for (let i = 0; i < 19; i++) await checkCredentials(db, guessed[i % 5]!, "wrong", address);
    expect(await throttleRows([addressKey])).toEqual([expect.objectContaining({ failures: 19, blockedUntil: null })]);
    expect(await checkCredentials(db, victim.email, PASSWORD, address)).toMatchObject({ ok: true });

    expect(await checkCredentials(db, guessed[4]!, "wrong", address)).toEqual({ ok: false, reason: "invalid" });
    const [row] = await throttleRows([addressKey]);
    expect(row?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await checkCredentials(db, victim.email, PASSWORD, address)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await checkCredentials(db, victim.email, PASSWORD, newAddress())).toMatchObject({ ok: true });
  });

  it("an unknown account gets the same answer as a wrong password, after the same hashing work", async () => {
    const user = await createCustomer({ passwordHash });
    const address = newAddress();
    const nobody = `nobody-${randomUUID().slice(0, 8)}@test.example`;
    expect(await checkCredentials(db, nobody, PASSWORD, address)).toEqual(await checkCredentials(db, user.email, "wrong", address));
    // Five guesses at an address that has no account are throttled exactly like five at one that has.
    for (let i = 0; i < 4; i++) await checkCredentials(db, nobody, "wrong", address);
    expect(await checkCredentials(db, nobody, PASSWORD, address)).toEqual({ ok: false, reason: "rate_limited" });
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

  it("signing out ends the session: a kept copy of its cookie no longer works", async () => {
    const customer = await createCustomer();
    const session = { userId: customer.id, sessionVersion: customer.sessionVersion };
    expect(await (await callerForSession(session)).meta.me()).toMatchObject({ id: customer.id });
    await endSessions(db, customer.id);
    expect((await settle((await callerForSession(session)).meta.me())).outcome).toBe("UNAUTHORIZED");
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
    await markConfirmed(result.id!);
    expect(await checkCredentials(db, values.email, values.password, newAddress())).toMatchObject({ ok: true, user: { id: result.id } });
  });

  it("approval: the account waits for approval and cannot sign in yet", async () => {
    await setSetting(db, "auth.registration", "approval");
    const values = input();
    const result = await registerCustomer(db, values);
    expect(result).toEqual({ status: "pending_approval", id: expect.any(Number) });
    expect(await userByEmail(values.email)).toMatchObject({ approved: false });
    await markConfirmed(result.id!);
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

  it("a taken address (a customer's or an agent's, in any case) gets the same answer as a new one, and its owner a mail", async () => {
    await setSetting(db, "auth.registration", "open");
    const values = input();
    const fresh = await registerCustomer(db, values);
    const agent = await createAgent();
    for (const email of [values.email, values.email.toUpperCase(), agent.email.toUpperCase()]) {
      const answer = await registerCustomer(db, { ...values, email });
      expect(answer).toEqual({ status: fresh.status, id: null });
    }
    expect(await db.$count(users, sql`lower(${users.email}) = ${values.email.toLowerCase()}`)).toBe(1);
    const mails = await db
      .select({ to: outbox.toAddresses, subject: outbox.subject, body: outbox.bodyText })
      .from(outbox)
      .where(sql`${outbox.toAddresses} in (${values.email.toLowerCase()}, ${agent.email})`);
    expect(mails.filter((m) => /tried to register/.test(m.subject))).toHaveLength(3);
    expect(mails.find((m) => m.to.includes(agent.email))?.body).toMatch(/forgot-password/);
    // The agent's account is untouched: still an agent, same password.
    const [row] = await db.select({ role: users.role, hash: users.passwordHash }).from(users).where(eq(users.id, agent.id));
    expect(row).toEqual({ role: "agent", hash: agent.passwordHash });
  });
});
