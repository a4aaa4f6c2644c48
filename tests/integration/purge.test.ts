import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { authTokens, storedFiles, ticketPresence, uploads } from "@/db/schema";
import { purgeStaleRows } from "@/jobs/definitions/purge-stale";
import { purgeStaleRowsHandler } from "@/jobs/handlers/purge-stale";
import { HANDLERS } from "@/jobs/registry";
import { RETENTION } from "@/server/services/maintenance/purge";
import { createAgent, createCustomer, createQueue, createTicket } from "../factories";

const ago = (ms: number) => new Date(Date.now() - ms);

async function fileRow(tag: string) {
  const sha256 = tag.padEnd(64, "0").slice(0, 64);
  await db.insert(storedFiles).values({ sha256, size: 1, backend: "local" }).onConflictDoNothing();
  return sha256;
}

describe("hourly purge of stale rows", () => {
  it("is a registered cron job", () => {
    expect(HANDLERS.map((h) => h.job)).toContain(purgeStaleRows);
    expect(purgeStaleRows.cron).toBeTruthy();
  });

  it("removes abandoned uploads, long-expired tokens and stale presence, and keeps everything else", async () => {
    const customer = await createCustomer();
    const agent = await createAgent();
    const queue = await createQueue();
    const { id: ticketId } = await createTicket({ customer, queue });
    const sha = await fileRow("ab");
    const [oldUnclaimed, freshUnclaimed, oldClaimed] = await db
      .insert(uploads)
      .values([
        { ownerId: customer.id, fileSha256: sha, filename: "a.txt", contentType: "text/plain", size: 1, createdAt: ago(RETENTION.unclaimedUploadMs + 60_000) },
        { ownerId: customer.id, fileSha256: sha, filename: "b.txt", contentType: "text/plain", size: 1, createdAt: ago(60_000) },
        { ownerId: customer.id, fileSha256: sha, filename: "c.txt", contentType: "text/plain", size: 1, createdAt: ago(RETENTION.unclaimedUploadMs * 2), claimedAt: ago(RETENTION.unclaimedUploadMs) },
      ])
      .returning({ id: uploads.id });
    await db.insert(authTokens).values([
      { tokenHash: "purge-old", userId: customer.id, purpose: "reset", expiresAt: ago(RETENTION.expiredTokenMs + 60_000) },
      { tokenHash: "purge-recent", userId: customer.id, purpose: "reset", expiresAt: ago(60_000) },
    ]);
    await db.insert(ticketPresence).values({ ticketId, userId: agent.id, activity: "viewing", seenAt: ago(RETENTION.presenceMs + 60_000) });

    const removed = await purgeStaleRowsHandler.run(db, {});
    expect(removed).toMatchObject({ uploads: 1, tokens: 1, presence: 1 });

    const left = (await db.select({ id: uploads.id }).from(uploads)).map((u) => u.id);
    expect(left).not.toContain(oldUnclaimed!.id);
    expect(left).toEqual(expect.arrayContaining([freshUnclaimed!.id, oldClaimed!.id]));
    const tokens = (await db.select({ t: authTokens.tokenHash }).from(authTokens).where(sql`${authTokens.tokenHash} like 'purge-%'`)).map((r) => r.t);
    expect(tokens).toEqual(["purge-recent"]);
    expect(await db.select().from(ticketPresence).where(eq(ticketPresence.ticketId, ticketId))).toHaveLength(0);
    // The bytes stay recorded: other rows may reference the same content.
    expect(await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha))).toHaveLength(1);
  });
});
