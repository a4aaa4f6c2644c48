import { randomUUID } from "node:crypto";
import { and, eq, inArray, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { appendPeer, clientAddressFrom } from "@/server/auth/client-address-chain";
import { checkCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { ingestMail } from "@/server/mail/postmaster";
import { rerunQuarantine } from "@/server/services/admin/mail";
import { getSetting, setSetting } from "@/server/services/settings";
import { callerFor } from "../helpers/caller";
import { buildMail } from "../helpers/mail";
import { createAgent, createCustomer, createQueue } from "../factories";

const PASSWORD = "correct horse battery staple";
const octet = () => Math.floor(Math.random() * 250) + 1;
const address = () => `198.51.${octet()}.${octet()}`;

afterEach(async () => {
  await setSetting(db, "tickets.max_new_per_hour_per_address", 20);
});

/** One sign-in attempt as the desk's web server sees it: the client's header, then the peer appended. */
const attempt = (email: string, password: string, forged: string, peer: string, hops: number) =>
  checkCredentials(db, email, password, clientAddressFrom(appendPeer(forged, peer), hops));

describe("a forged X-Forwarded-For cannot reset the per-address sign-in limit", () => {
  for (const hops of [0, 1]) {
    it(`hops=${hops}: wrong passwords for many accounts, each with a new forged address, block the real address`, async () => {
      const max = (await getSetting(db, "auth.max_failures")) * 4;
      const user = await createCustomer({ passwordHash: await hashPassword(PASSWORD) });
      // hops=0: the client talks to the desk directly. hops=1: one proxy (10.0.0.2) appends the client's address.
      const client = address();
      const send = (email: string, password: string) =>
        hops === 0 ? attempt(email, password, `${address()}`, client, 0) : attempt(email, password, `${address()}, ${client}`, "10.0.0.2", 1);
      for (let i = 0; i < max; i++) {
        expect(await send(`nobody-${randomUUID()}@test.example`, "wrong")).toEqual({ ok: false, reason: "invalid" });
      }
      expect(await send(user.email, PASSWORD)).toEqual({ ok: false, reason: "rate_limited" });
      // Another client behind the same proxy is not affected.
      const other = hops === 0 ? attempt(user.email, PASSWORD, client, address(), 0) : attempt(user.email, PASSWORD, `${client}, ${address()}`, "10.0.0.2", 1);
      expect(await other).toMatchObject({ ok: true });
    });
  }
});

describe("new tickets per address per hour", () => {
  it("is a desk setting the admin sets on the settings screen (default 20)", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const settings = await admin.adminConfig.settingsGet();
    expect(settings.maxNewTicketsPerHour).toBe(20);
    expect(await admin.adminConfig.settingsUpdate({ ...settings, maxNewTicketsPerHour: 5 })).toEqual({ changed: ["tickets.max_new_per_hour_per_address"] });
    expect(await getSetting(db, "tickets.max_new_per_hour_per_address")).toBe(5);
    await expect(admin.adminConfig.settingsUpdate({ ...settings, maxNewTicketsPerHour: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("the portal refuses the customer's ticket over the limit with RATE_LIMITED and writes nothing; another address still may", async () => {
    await setSetting(db, "tickets.max_new_per_hour_per_address", 2);
    const queue = await createQueue();
    const customer = await createCustomer();
    const from = address();
    const create = (clientAddress: string, title: string) => callerFor(customer, { clientAddress }).ticket.create({ channel: "web", queueId: queue.id, title, body: "x" });
    await create(from, "one");
    await create(from, "two");
    const refused = await create(from, "three").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/wait an hour/) });
    expect(await titlesIn(queue.id)).toEqual(["one", "two"]);
    await create(address(), "four");
    expect(await titlesIn(queue.id)).toEqual(["four", "one", "two"]);
  });

  it("concurrent requests cannot both take the last slot", async () => {
    await setSetting(db, "tickets.max_new_per_hour_per_address", 3);
    const queue = await createQueue();
    const customer = await createCustomer();
    const from = address();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => callerFor(customer, { clientAddress: from }).ticket.create({ channel: "web", queueId: queue.id, title: `t${i}`, body: "x" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await titlesIn(queue.id)).toHaveLength(3);
  });

  it("agents opening tickets for callers are not limited", async () => {
    await setSetting(db, "tickets.max_new_per_hour_per_address", 1);
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const caller = callerFor(agent, { clientAddress: "192.0.2.50" });
    for (const title of ["a", "b", "c"]) {
      await caller.ticket.create({ channel: "phone", queueId: queue.id, title, body: "x", customerEmail: `caller-${randomUUID()}@test.example` });
    }
    expect(await titlesIn(queue.id)).toHaveLength(3);
  });

  it("mail over the limit is quarantined with the reason, follow-ups still arrive, and an admin's re-run opens the ticket", async () => {
    await setSetting(db, "tickets.max_new_per_hour_per_address", 2);
    const admin = await createAgent({ admin: true });
    const sender = `flood-${randomUUID().slice(0, 8)}@customer.example`;
    const mail = (subject: string, extra: Parameters<typeof buildMail>[0] = {}) => ingestMail(db, buildMail({ from: sender, subject, ...extra }), { source: "pipe" });
    const first = await mail("first");
    await mail("second");
    const third = await mail("third");
    expect(first.outcome).toBe("created");
    expect(third).toMatchObject({ outcome: "quarantined", reason: expect.stringMatching(/^rate limited: .*re-run it from the quarantine/) });
    const [held] = await db.select().from(s.quarantine).where(and(eq(s.quarantine.fromAddress, sender), like(s.quarantine.reason, "rate limited%")));
    expect(held).toMatchObject({ subject: "third", resolvedAt: null });

    const followUp = await mail(`Re: [Ticket#${first.ticketNumber}] first`);
    expect(followUp).toMatchObject({ outcome: "follow_up", ticketNumber: first.ticketNumber });

    const rerun = await rerunQuarantine(db, held!.id, admin.id);
    expect(rerun.outcome).toBe("created");
    const tickets = await db.select({ title: s.tickets.title }).from(s.tickets).innerJoin(s.users, eq(s.users.id, s.tickets.customerUserId)).where(eq(s.users.email, sender));
    expect(tickets.map((t) => t.title).sort()).toEqual(["first", "second", "third"]);
  });
});

async function titlesIn(queueId: number) {
  const rows = await db.select({ title: s.tickets.title }).from(s.tickets).where(inArray(s.tickets.queueId, [queueId]));
  return rows.map((r) => r.title).sort();
}
