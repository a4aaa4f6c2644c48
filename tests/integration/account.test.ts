import { randomUUID } from "node:crypto";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, authThrottle, authTokens, notifications, outbox, queueSubscriptions, signatures, users } from "@/db/schema";
import { notifyAgents } from "@/jobs/definitions/notify-agents";
import { notifyAgentsHandler } from "@/jobs/handlers/notify-agents";
import { loadActor } from "@/server/auth/actor";
import { checkCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { consumeToken, hashToken, inspectToken, issueToken } from "@/server/auth/tokens";
import { AppError } from "@/server/errors";
import { setSetting } from "@/server/services/settings";
import { approveCustomer, disableUser, enableUser, sessionEndReason } from "@/server/services/users/approval";
import { requestPasswordReset, resetPassword } from "@/server/services/users/password-reset";
import { changePassword } from "@/server/services/users/profile";
import { confirmEmail, registerCustomer, resendConfirmation } from "@/server/services/users/register";
import { redeemSignInLink, requestSignInLink } from "@/server/services/users/sign-in-link";
import { callerFor } from "../helpers/caller";
import { settle } from "../helpers/refusals";
import { actorOf, createAgent, createCustomer, createQueue, createTicket } from "../factories";

const PASSWORD = "correct horse battery staple";
let passwordHash: string;
let admin: Awaited<ReturnType<typeof createAgent>>;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  admin = await createAgent({ admin: true });
});

/** Every call from its own client address, so one test's throttle never blocks another. */
const newAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;
const newEmail = (prefix = "visitor") => `${prefix}-${randomUUID().slice(0, 8)}@test.example`;

/** The mails the outbox holds for an address, newest first: the outbox is the mailbox in tests. */
async function mailsTo(email: string) {
  return db
    .select({ subject: outbox.subject, body: outbox.bodyText, kind: outbox.kind, headers: outbox.headers })
    .from(outbox)
    .where(eq(outbox.toAddresses, email.toLowerCase()))
    .orderBy(desc(outbox.id));
}

/** The token of the newest mailed link to `path` (e.g. "/confirm"), as a person would click it. */
async function tokenFromMail(email: string, path: string): Promise<string> {
  for (const mail of await mailsTo(email)) {
    const match = mail.body.match(new RegExp(`${path.replace(/[/-]/g, "\\$&")}\\?token=([A-Za-z0-9_-]{43})`));
    if (match?.[1]) return match[1];
  }
  throw new Error(`no ${path} link mailed to ${email}`);
}

async function userRow(id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}

const expire = (token: string) => db.update(authTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(authTokens.tokenHash, hashToken(token)));

async function register(mode: "open" | "approval") {
  await setSetting(db, "auth.registration", mode);
  const values = { name: "Vera Visitor", email: newEmail(), password: PASSWORD };
  const result = await registerCustomer(db, values);
  if (result.id === null) throw new Error("a new address was treated as taken");
  return { ...values, ...result, id: result.id };
}

describe("one-time tokens", () => {
  it("work once, for their purpose only, and only the newest of a purpose works", async () => {
    const user = await createCustomer();
    const first = await issueToken(db, user.id, "sign_in_link");
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.select().from(authTokens).where(eq(authTokens.userId, user.id));
    expect(stored?.tokenHash).toBe(hashToken(first));
    expect(stored?.tokenHash).not.toContain(first);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    expect(await consumeToken(db, first, "password_reset")).toBeNull();
    const second = await issueToken(db, user.id, "sign_in_link");
    expect(await consumeToken(db, first, "sign_in_link")).toBeNull();
    expect(await inspectToken(db, first, "sign_in_link")).toEqual({ state: "used", userId: user.id });
    expect(await consumeToken(db, second, "sign_in_link")).toEqual({ userId: user.id });
    expect(await consumeToken(db, second, "sign_in_link")).toBeNull();
  });

  it("an expired, unknown or malformed token is refused", async () => {
    const user = await createCustomer();
    const token = await issueToken(db, user.id, "password_reset");
    await expire(token);
    expect(await inspectToken(db, token, "password_reset")).toEqual({ state: "expired", userId: user.id });
    expect(await consumeToken(db, token, "password_reset")).toBeNull();
    expect(await consumeToken(db, "A".repeat(43), "password_reset")).toBeNull();
    expect(await consumeToken(db, "not a token", "password_reset")).toBeNull();
    expect(await inspectToken(db, "' or 1=1 --", "password_reset")).toEqual({ state: "unknown" });
  });

  it("two concurrent uses of one token: exactly one wins", async () => {
    const user = await createCustomer();
    const token = await issueToken(db, user.id, "sign_in_link");
    const results = await Promise.all([consumeToken(db, token, "sign_in_link"), consumeToken(db, token, "sign_in_link"), consumeToken(db, token, "sign_in_link")]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("sign-up with e-mail confirmation", () => {
  it("approval mode: confirm by the mailed link, wait for approval, get approved (audited, mailed), sign in", async () => {
    const visitor = await register("approval");
    expect(visitor.status).toBe("pending_approval");
    expect(await userRow(visitor.id)).toMatchObject({ approved: false, enabled: true, emailConfirmedAt: null, role: "customer" });
    const [mail] = await mailsTo(visitor.email);
    expect(mail).toMatchObject({ kind: "notification", subject: "Confirm your e-mail address", headers: { "Auto-Submitted": "auto-generated" } });
    expect(mail?.body).toContain("Hello Vera Visitor");
    expect(mail?.body).toMatch(/http:\/\/localhost:3000\/confirm\?token=[A-Za-z0-9_-]{43}/);

    expect(await checkCredentials(db, visitor.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "unconfirmed" });
    // The wrong password learns nothing about the account's state.
    expect(await checkCredentials(db, visitor.email, "wrong password", newAddress())).toEqual({ ok: false, reason: "invalid" });

    expect(await confirmEmail(db, await tokenFromMail(visitor.email, "/confirm"))).toBe("confirmed_pending");
    expect((await userRow(visitor.id)).emailConfirmedAt).toBeInstanceOf(Date);
    expect(await checkCredentials(db, visitor.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "unapproved" });

    expect(await approveCustomer(db, admin.id, visitor.id)).toEqual({ id: visitor.id, changed: true });
    expect((await mailsTo(visitor.email)).map((m) => m.subject)).toEqual(["Your account has been approved", "Confirm your e-mail address"]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entity, "customer"), eq(auditLog.entityId, String(visitor.id))));
    expect(entry).toMatchObject({ actorId: admin.id, action: "approve", before: { approved: false }, after: { approved: true } });
    expect(await checkCredentials(db, visitor.email, PASSWORD, newAddress())).toMatchObject({ ok: true, user: { id: visitor.id, role: "customer" } });

    // Approving again changes nothing and mails nothing.
    expect(await approveCustomer(db, admin.id, visitor.id)).toEqual({ id: visitor.id, changed: false });
    expect(await mailsTo(visitor.email)).toHaveLength(2);
  });

  it("open mode: after confirming, the visitor may sign in at once", async () => {
    const visitor = await register("open");
    expect(visitor.status).toBe("active");
    expect(await checkCredentials(db, visitor.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "unconfirmed" });
    expect(await confirmEmail(db, await tokenFromMail(visitor.email, "/confirm"))).toBe("confirmed");
    expect(await checkCredentials(db, visitor.email, PASSWORD, newAddress())).toMatchObject({ ok: true, user: { id: visitor.id } });
  });

  it("closed mode: refused, and neither a user nor a mail is left behind", async () => {
    await setSetting(db, "auth.registration", "closed");
    const email = newEmail();
    const error = await registerCustomer(db, { name: "Shut Out", email, password: PASSWORD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.$count(users, eq(users.email, email))).toBe(0);
    expect(await mailsTo(email)).toEqual([]);
  });

  it("a confirmation link opened twice (a mail scanner first) still reads as confirmed; a replaced, expired or made-up one does not", async () => {
    const visitor = await register("approval");
    const first = await tokenFromMail(visitor.email, "/confirm");
    expect(await resendConfirmation(db, visitor.email, newAddress())).toBe("sent");
    const second = await tokenFromMail(visitor.email, "/confirm");
    expect(second).not.toBe(first);
    // The first link was replaced by the second: it confirms nothing.
    expect(await confirmEmail(db, first)).toBe("invalid");
    expect((await userRow(visitor.id)).emailConfirmedAt).toBeNull();

    expect(await confirmEmail(db, second)).toBe("confirmed_pending");
    expect(await confirmEmail(db, second)).toBe("confirmed_pending");
    expect(await confirmEmail(db, "B".repeat(43))).toBe("invalid");

    const late = await register("open");
    await expire(await tokenFromMail(late.email, "/confirm"));
    expect(await confirmEmail(db, await tokenFromMail(late.email, "/confirm"))).toBe("invalid");
    expect(await checkCredentials(db, late.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "unconfirmed" });
  });

  it("resending a confirmation answers the same for everyone but mails only an account waiting for one", async () => {
    const waiting = await register("open");
    const confirmed = await createCustomer({ passwordHash, emailConfirmedAt: new Date() });
    const unknown = newEmail("nobody");
    for (const email of [waiting.email, confirmed.email, unknown]) expect(await resendConfirmation(db, email, newAddress())).toBe("sent");
    expect(await mailsTo(waiting.email)).toHaveLength(2);
    expect(await mailsTo(confirmed.email)).toEqual([]);
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it("users an admin or the postmaster created were never sent a confirmation and are not 'unconfirmed'", async () => {
    const created = await createCustomer({ passwordHash });
    expect(created.emailConfirmedAt).toBeNull();
    expect(await checkCredentials(db, created.email, PASSWORD, newAddress())).toMatchObject({ ok: true });
  });

  it("sign-ups from one client address are throttled", async () => {
    await setSetting(db, "auth.registration", "open");
    const address = newAddress();
    for (let i = 0; i < 20; i++) await registerCustomer(db, { name: "Many", email: newEmail("bulk"), password: PASSWORD }, { address });
    const error = await registerCustomer(db, { name: "Many", email: newEmail("bulk"), password: PASSWORD }, { address }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("sign-in by a one-time link", () => {
  it("mails a link that signs in once; a used or expired link is refused", async () => {
    const customer = await createCustomer({ passwordHash });
    expect(await requestSignInLink(db, customer.email.toUpperCase(), newAddress())).toBe("sent");
    const [mail] = await mailsTo(customer.email);
    expect(mail?.subject).toBe("Your sign-in link");
    expect(mail?.body).toContain("15 minutes");
    const token = await tokenFromMail(customer.email, "/sign-in/link");

    expect(await redeemSignInLink(db, token)).toEqual({ ok: true, user: { id: customer.id, email: customer.email, name: customer.name, role: "customer", sessionVersion: customer.sessionVersion } });
    expect(await redeemSignInLink(db, token)).toEqual({ ok: false, reason: "link_invalid" });

    await requestSignInLink(db, customer.email, newAddress());
    const late = await tokenFromMail(customer.email, "/sign-in/link");
    await expire(late);
    expect(await redeemSignInLink(db, late)).toEqual({ ok: false, reason: "link_invalid" });
  });

  it("answers the same whether or not the account exists, and mails nobody for an unknown or disabled address", async () => {
    const disabled = await createCustomer({ enabled: false });
    const unknown = newEmail("nobody");
    expect(await requestSignInLink(db, unknown, newAddress())).toBe("sent");
    expect(await requestSignInLink(db, disabled.email, newAddress())).toBe("sent");
    expect(await mailsTo(unknown)).toEqual([]);
    expect(await mailsTo(disabled.email)).toEqual([]);
  });

  it("lets a customer the postmaster created (no password) in, and confirms the address", async () => {
    const fromMail = await createCustomer();
    expect(fromMail).toMatchObject({ passwordHash: null, emailConfirmedAt: null });
    await requestSignInLink(db, fromMail.email, newAddress());
    expect(await redeemSignInLink(db, await tokenFromMail(fromMail.email, "/sign-in/link"))).toMatchObject({ ok: true, user: { id: fromMail.id } });
    expect((await userRow(fromMail.id)).emailConfirmedAt).toBeInstanceOf(Date);
  });

  it("confirms a self-registered address too, but an unapproved account still waits", async () => {
    const visitor = await register("approval");
    await requestSignInLink(db, visitor.email, newAddress());
    expect(await redeemSignInLink(db, await tokenFromMail(visitor.email, "/sign-in/link"))).toEqual({ ok: false, reason: "unapproved" });
    expect((await userRow(visitor.id)).emailConfirmedAt).toBeInstanceOf(Date);
    expect(await checkCredentials(db, visitor.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "unapproved" });
  });

  it("requests are throttled per address asked for, known or not, in auth_throttle", async () => {
    for (const email of [(await createCustomer()).email, newEmail("nobody")]) {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await requestSignInLink(db, email, newAddress()));
      expect(results).toEqual(["sent", "sent", "sent", "sent", "sent", "rate_limited"]);
      const [row] = await db.select().from(authThrottle).where(eq(authThrottle.key, `mail:${email}`));
      expect(row?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
    }
    // And per client address, across addresses asked for.
    const address = newAddress();
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await requestPasswordReset(db, newEmail("spray"), address));
    expect(results.slice(0, 20).every((r) => r === "sent")).toBe(true);
    expect(results[20]).toBe("rate_limited");
  });
});

describe("password reset", () => {
  it("sets the new password, ends every other session, confirms the address and voids other links", async () => {
    const customer = await createCustomer({ passwordHash });
    expect(await loadActor(db, customer.id, customer.sessionVersion)).not.toBeNull();
    await requestSignInLink(db, customer.email, newAddress());
    const pendingLink = await tokenFromMail(customer.email, "/sign-in/link");
    expect(await requestPasswordReset(db, customer.email, newAddress())).toBe("sent");
    expect((await mailsTo(customer.email))[0]?.subject).toBe("Choose a new password");
    const token = await tokenFromMail(customer.email, "/reset-password");

    expect(await resetPassword(db, token, "a brand new password")).toEqual({ ok: true, email: customer.email });
    const after = await userRow(customer.id);
    expect(after.sessionVersion).toBe(customer.sessionVersion + 1);
    expect(after.emailConfirmedAt).toBeInstanceOf(Date);
    expect(await loadActor(db, customer.id, customer.sessionVersion)).toBeNull();
    expect(await loadActor(db, customer.id, after.sessionVersion)).toMatchObject({ id: customer.id });
    expect(await checkCredentials(db, customer.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, customer.email, "a brand new password", newAddress())).toMatchObject({ ok: true });

    expect(await resetPassword(db, token, "yet another password")).toEqual({ ok: false });
    expect(await redeemSignInLink(db, pendingLink)).toEqual({ ok: false, reason: "link_invalid" });
  });

  it("an expired reset link is refused and changes nothing", async () => {
    const customer = await createCustomer({ passwordHash });
    await requestPasswordReset(db, customer.email, newAddress());
    const token = await tokenFromMail(customer.email, "/reset-password");
    await expire(token);
    expect(await resetPassword(db, token, "a brand new password")).toEqual({ ok: false });
    expect(await userRow(customer.id)).toMatchObject({ sessionVersion: customer.sessionVersion, passwordHash });
  });

  it("answers the same for an unknown address and mails nobody", async () => {
    const unknown = newEmail("nobody");
    expect(await requestPasswordReset(db, unknown, newAddress())).toBe("sent");
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it("lifts a sign-in block on the account: its owner has just proved who they are", async () => {
    const customer = await createCustomer({ passwordHash });
    // Guesses from many addresses slow the account down for every address it never signed in from.
    for (let i = 0; i < 20; i++) await checkCredentials(db, customer.email, "guess", newAddress());
    expect(await checkCredentials(db, customer.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "rate_limited" });
    await requestPasswordReset(db, customer.email, newAddress());
    await resetPassword(db, await tokenFromMail(customer.email, "/reset-password"), "a brand new password");
    expect(await checkCredentials(db, customer.email, "a brand new password", newAddress())).toMatchObject({ ok: true });
  });

  it("a new password that is too short is refused before the link is used", async () => {
    const customer = await createCustomer({ passwordHash });
    await requestPasswordReset(db, customer.email, newAddress());
    const token = await tokenFromMail(customer.email, "/reset-password");
    await expect(resetPassword(db, token, "short")).rejects.toThrow();
    expect(await inspectToken(db, token, "password_reset")).toMatchObject({ state: "valid" });
  });
});

describe("profile", () => {
  it("reads and saves name, language, time zone and e-mail choices; keeps other channels; ignores other roles' events", async () => {
    const customer = await createCustomer({ notificationPrefs: { ticket_received: { app: true } } });
    const caller = callerFor(customer);
    expect(await caller.account.profile()).toEqual({
      name: customer.name,
      email: customer.email,
      language: "en",
      timeZone: "UTC",
      preferGregorian: false,
      role: "customer",
      hasPassword: false,
      emailNotifications: { ticket_received: true, ticket_closed: true },
    });
    const saved = await caller.account.updateProfile({ name: "  Renamed Customer ", language: "de", timeZone: "Europe/Berlin", emailNotifications: { ticket_received: false, new_ticket: false } });
    expect(saved).toMatchObject({ name: "Renamed Customer", language: "de", timeZone: "Europe/Berlin", emailNotifications: { ticket_received: false, ticket_closed: true } });
    expect((await userRow(customer.id)).notificationPrefs).toEqual({ ticket_received: { app: true, email: false } });
  });

  it("refuses an unknown time zone or language and a blank name, changing nothing", async () => {
    const customer = await createCustomer();
    const caller = callerFor(customer);
    for (const input of [
      { name: "Ok", language: "en", timeZone: "Mars/Olympus_Mons" },
      { name: "Ok", language: "xx", timeZone: "UTC" },
      { name: "   ", language: "en", timeZone: "UTC" },
    ]) {
      const refused = await settle(caller.account.updateProfile({ ...input, emailNotifications: {} } as never));
      expect(refused.outcome).toBe("BAD_REQUEST");
    }
    expect(await userRow(customer.id)).toMatchObject({ name: customer.name, language: "en", timeZone: "UTC" });
  });

  it("agents get their own notification events", async () => {
    const agent = await createAgent();
    expect((await callerFor(agent).account.profile()).emailNotifications).toEqual({ new_ticket: true, follow_up: true, queue_changed: true, owner_changed: true });
  });

  it("changing the password needs the current one, counts wrong guesses, and ends the other sessions", async () => {
    const customer = await createCustomer({ passwordHash });
    const actor = actorOf(customer);
    const address = newAddress();
    expect(await changePassword(db, actor, { current: "wrong", next: "a brand new password" }, address)).toEqual({ ok: false, reason: "wrong_current" });
    const [row] = await db.select().from(authThrottle).where(eq(authThrottle.key, `acct:${customer.email}`));
    expect(row?.failures).toBe(1);

    expect(await changePassword(db, actor, { current: PASSWORD, next: "a brand new password" }, address)).toEqual({ ok: true, email: customer.email });
    expect(await loadActor(db, customer.id, customer.sessionVersion)).toBeNull();
    expect(await checkCredentials(db, customer.email, "a brand new password", newAddress())).toMatchObject({ ok: true, user: { sessionVersion: customer.sessionVersion + 1 } });
  });

  it("an account without a password (signed in by link) may set one without a current password", async () => {
    const customer = await createCustomer();
    expect(await changePassword(db, actorOf(customer), { current: "", next: "a first password" }, newAddress())).toMatchObject({ ok: true });
    expect(await checkCredentials(db, customer.email, "a first password", newAddress())).toMatchObject({ ok: true });
  });
});

describe("agent profile: signature and notification channels", () => {
  /** A queue with its own signature, an agent who may answer there, and a customer's ticket in it. */
  async function replyScene() {
    const [signature] = await db.insert(signatures).values({ name: `Sig ${randomUUID()}`, body: "-- \nThe <QUEUE_NAME> team" }).returning();
    const queue = await createQueue({ signatureId: signature!.id });
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    return { queue, agent, caller: callerFor(agent), customer, ticket: await createTicket({ customer, queue }) };
  }
  const profileOf = (u: { name: string; timeZone: string }) => ({ name: u.name, language: "en" as const, timeZone: u.timeZone, emailNotifications: {} });

  it("the agent's own signature ends the next reply mail and the stored article; clearing it brings back the queue's", async () => {
    const { queue, agent, caller, customer, ticket } = await replyScene();
    expect(await caller.account.profile()).toMatchObject({ signature: "", appNotifications: { new_ticket: true, follow_up: true } });

    const saved = await caller.account.updateProfile({ ...profileOf(agent), signature: "Kind regards,\r\nAnna from <QUEUE_NAME>\n\n  " });
    expect(saved.signature).toBe("Kind regards,\nAnna from <QUEUE_NAME>");
    await caller.article.reply({ ticketId: ticket.id, body: "Try turning it off and on." });
    const [mine] = await mailsTo(customer.email);
    expect(mine!.body.endsWith(`Try turning it off and on.\nKind regards,\nAnna from ${queue.name}`)).toBe(true);
    expect(mine!.body).not.toContain("team");
    const [article] = await db.execute<{ body_text: string }>(sql`select body_text from articles where ticket_id = ${ticket.id} and sender_type = 'agent' order by id desc limit 1`);
    expect(article!.body_text.endsWith(`Anna from ${queue.name}`)).toBe(true);

    // Leaving the signature out keeps it; a blank one clears it.
    expect((await caller.account.updateProfile(profileOf(agent))).signature).toBe("Kind regards,\nAnna from <QUEUE_NAME>");
    expect((await caller.account.updateProfile({ ...profileOf(agent), signature: "  \n " })).signature).toBe("");
    expect((await userRow(agent.id)).signature).toBeNull();
    await caller.article.reply({ ticketId: ticket.id, body: "Any luck?" });
    const [next] = await mailsTo(customer.email);
    expect(next!.body.endsWith(`Any luck?\n-- \nThe ${queue.name} team`)).toBe(true);
  });

  it("a signature over 2,000 characters is refused; a customer may not set one and never sees one", async () => {
    const agent = await createAgent();
    const tooLong = await settle(callerFor(agent).account.updateProfile({ ...profileOf(agent), signature: "x".repeat(2001) }));
    expect(tooLong.outcome).toBe("BAD_REQUEST");
    expect((await userRow(agent.id)).signature).toBeNull();

    const customer = await createCustomer();
    const caller = callerFor(customer);
    const refused = await settle(caller.account.updateProfile({ ...profileOf(customer), name: "Changed", signature: "Mine" }));
    expect(refused.outcome).toBe("BAD_REQUEST");
    expect(await userRow(customer.id)).toMatchObject({ name: customer.name, signature: null });
    const profile = await caller.account.profile();
    expect(profile).not.toHaveProperty("signature");
    expect(profile).not.toHaveProperty("appNotifications");
  });

  it("an agent who turns off in-app for new tickets gets no in-app notification but still the e-mail", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    await db.insert(queueSubscriptions).values({ queueId: queue.id, userId: agent.id });
    const saved = await callerFor(agent).account.updateProfile({ ...profileOf(agent), emailNotifications: { new_ticket: true }, appNotifications: { new_ticket: false } });
    expect(saved).toMatchObject({ emailNotifications: { new_ticket: true, follow_up: true }, appNotifications: { new_ticket: false, follow_up: true } });
    expect((await userRow(agent.id)).notificationPrefs).toEqual({ new_ticket: { email: true, app: false } });

    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const jobs = await db.execute<{ data: unknown }>(sql`select data from pgboss.job where name = ${notifyAgents.name} and (data->>'ticketId')::bigint = ${id}`);
    expect(jobs.length).toBe(1);
    for (const job of jobs) await notifyAgentsHandler.run(db, notifyAgents.payload.parse(job.data));
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, agent.id), eq(notifications.ticketId, id)))).toEqual([]);
    expect((await mailsTo(agent.email)).map((m) => m.kind)).toEqual(["notification"]);
  });

  it("a customer's in-app choices are ignored: customers have no in-app channel", async () => {
    const customer = await createCustomer();
    await callerFor(customer).account.updateProfile({ ...profileOf(customer), appNotifications: { ticket_closed: false } });
    expect((await userRow(customer.id)).notificationPrefs).toEqual({});
  });
});

describe("admin decisions: approve, disable, enable", () => {
  it("disabling ends the sessions on the next request, is audited, and says why; enabling lets the user back", async () => {
    const customer = await createCustomer({ passwordHash });
    expect(await disableUser(db, admin.id, customer.id)).toEqual({ id: customer.id, changed: true });
    expect(await loadActor(db, customer.id, customer.sessionVersion)).toBeNull();
    expect(await sessionEndReason(db, customer.id)).toBe("disabled");
    expect(await checkCredentials(db, customer.email, PASSWORD, newAddress())).toEqual({ ok: false, reason: "disabled" });
    expect(await disableUser(db, admin.id, customer.id)).toEqual({ id: customer.id, changed: false });

    expect(await enableUser(db, admin.id, customer.id)).toEqual({ id: customer.id, changed: true });
    expect(await checkCredentials(db, customer.email, PASSWORD, newAddress())).toMatchObject({ ok: true, user: { sessionVersion: customer.sessionVersion + 1 } });
    expect(await sessionEndReason(db, customer.id)).toBe("session_ended");
    const entries = await db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(and(eq(auditLog.entity, "customer"), eq(auditLog.entityId, String(customer.id)))).orderBy(auditLog.id);
    expect(entries).toEqual([
      { action: "disable", actorId: admin.id },
      { action: "enable", actorId: admin.id },
    ]);
  });

  it("only an enabled admin may decide; an admin cannot disable themself; approve is for customers", async () => {
    const agent = await createAgent();
    const pending = await createCustomer({ approved: false });
    await expect(approveCustomer(db, agent.id, pending.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(disableUser(db, agent.id, pending.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(disableUser(db, admin.id, admin.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(approveCustomer(db, admin.id, agent.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approveCustomer(db, admin.id, 987_654_321)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await userRow(pending.id)).toMatchObject({ approved: false, enabled: true });
    expect(await db.$count(auditLog, like(auditLog.entityId, String(pending.id)))).toBe(0);
  });
});
