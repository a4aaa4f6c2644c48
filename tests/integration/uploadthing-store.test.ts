import { eq } from "drizzle-orm";
import { UTApi } from "uploadthing/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, queues, storedFiles, tickets } from "@/db/schema";
import { readStoredFile, sha256Of, storeFile, useFileBackend, type FileBackend } from "@/server/files/store";
import { UploadThingBackend } from "@/server/files/uploadthing";
import { ingestMail } from "@/server/mail/postmaster";
import { attachmentFor, rawMessageFor } from "@/server/services/articles/files";
import { actorOf, createAgent } from "@/tests/factories";
import { startFakeUploadThing, type FakeUploadThing } from "@/tests/helpers/fake-uploadthing";

/** The UploadThing backend through the real SDK, against a local server that speaks UploadThing's API. */
let fake: FakeUploadThing;
let backend: UploadThingBackend;
let previous: FileBackend | undefined;

beforeAll(async () => {
  fake = await startFakeUploadThing();
  backend = new UploadThingBackend(fake.token, fake.endpoints);
  previous = useFileBackend(backend);
});
afterAll(async () => {
  useFileBackend(previous);
  await fake.stop();
});

function mailWithPdf(pdf: Buffer) {
  const boundary = "b1";
  return Buffer.from(
    [
      "From: Uma Upload <uma@customer.example>",
      "To: desk@example.com",
      "Subject: Invoice attached",
      `Message-ID: <${sha256Of(pdf).slice(0, 16)}@customer.example>`,
      "Date: Mon, 2 Mar 2026 09:30:00 +0000",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Please see the invoice.",
      `--${boundary}`,
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename="invoice.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      pdf.toString("base64"),
      `--${boundary}--`,
      "",
    ].join("\r\n"),
  );
}

describe("files on UploadThing (the real SDK against a local UploadThing)", () => {
  it("stores bytes once as a private file and reads them back through a signed URL", async () => {
    const bytes = new TextEncoder().encode(`Zażółć gęślą jaźń ${Date.now()} \u0000\u00ff`);
    const before = fake.requests.filter((r) => r.method === "PUT").length;
    const first = await storeFile(db, bytes, "text/plain");
    const second = await storeFile(db, bytes, "text/plain");
    expect(second).toEqual(first);
    expect(fake.requests.filter((r) => r.method === "PUT").length).toBe(before + 1);

    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, first.sha256));
    expect(row!.backend).toBe("uploadthing");
    const remote = fake.files.get(row!.remoteKey!)!;
    expect(remote.acl).toBe("private");
    expect(remote.name).toBe(first.sha256);
    expect(Buffer.from(await readStoredFile(db, first.sha256)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("keeps a private file from anyone without a valid signature", async () => {
    const { sha256 } = await storeFile(db, new TextEncoder().encode(`secret ${Date.now()}`), "text/plain");
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256));
    expect((await fetch(`${fake.url}/a/${fake.appId}/${row!.remoteKey}`)).status).toBe(403);
    const { ufsUrl } = await new UTApi({ token: fake.token, ...fake.endpoints }).generateSignedURL(row!.remoteKey!);
    expect((await fetch(ufsUrl)).status).toBe(200);
    const stretched = new URL(ufsUrl);
    stretched.searchParams.set("expires", String(Date.now() + 86_400_000));
    expect((await fetch(stretched)).status).toBe(403);
  });

  it("a mail's raw message and attachment go to UploadThing and come back to an agent byte for byte", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(`${Date.now()}`), Buffer.alloc(30_000, 7), Buffer.from("\n%%EOF\n")]);
    const raw = mailWithPdf(pdf);
    const ingested = await ingestMail(db, raw, { source: "pipe" });
    expect(ingested.outcome).toBe("created");
    const [attachment] = await db.select().from(attachments).where(eq(attachments.articleId, Number(ingested.articleId)));
    const [stored] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, attachment!.fileSha256));
    expect(stored!.backend).toBe("uploadthing");
    expect(fake.files.get(stored!.remoteKey!)!.bytes.equals(pdf)).toBe(true);

    const [ticket] = await db.select({ queueId: tickets.queueId, groupId: queues.groupId }).from(tickets).innerJoin(queues, eq(queues.id, tickets.queueId)).where(eq(tickets.number, ingested.ticketNumber!));
    const agent = actorOf(await createAgent({ queues: [{ id: ticket!.queueId, groupId: ticket!.groupId }] }));
    const file = await attachmentFor(db, agent, attachment!.id);
    expect(file.filename).toBe("invoice.pdf");
    expect(Buffer.from(file.bytes).equals(pdf)).toBe(true);
    const original = await rawMessageFor(db, agent, Number(ingested.articleId));
    expect(Buffer.from(original.bytes).equals(raw)).toBe(true);
  });

  it("a failed upload stores nothing, and the next try succeeds", async () => {
    const bytes = new TextEncoder().encode(`retry me ${Date.now()}`);
    fake.failNext(1, 503, /^\/[A-Za-z0-9_-]+$/);
    await expect(storeFile(db, bytes, "text/plain")).rejects.toThrow();
    expect(await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256Of(bytes)))).toHaveLength(0);
    const { sha256 } = await storeFile(db, bytes, "text/plain");
    expect(Buffer.from(await readStoredFile(db, sha256)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("a file missing at UploadThing is an error, not empty bytes; deleteFiles removes it there", async () => {
    const bytes = new TextEncoder().encode(`to be deleted ${Date.now()}`);
    const { sha256 } = await storeFile(db, bytes, "text/plain");
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256));
    expect(await backend.delete([row!.remoteKey!])).toBe(1);
    expect(fake.files.has(row!.remoteKey!)).toBe(false);
    await expect(readStoredFile(db, sha256)).rejects.toThrow("HTTP 404");
  });
});
