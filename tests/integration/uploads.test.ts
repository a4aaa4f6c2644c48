import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, outbox, uploads } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { downloadResponse, errorResponse } from "@/server/files/download";
import { readStoredFile } from "@/server/files/store";
import { handleUpload } from "@/server/files/upload-request";
import { attachmentFor } from "@/server/services/articles/files";
import { acceptUpload } from "@/server/services/uploads";
import { callerFor } from "../helpers/caller";
import { tableCounts } from "../helpers/db-state";
import { expectRefusedWithoutTrace, settle } from "../helpers/refusals";
import { actorOf, createAgent, createCompany, createCustomer, createQueue, createTicket } from "../factories";

const store = mkdtempSync(path.join(tmpdir(), "helpdesk-uploads-"));
process.env.FILE_STORE_DIR = store;

const text = (s: string) => new TextEncoder().encode(s);
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PDF = text("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const MiB = 1024 * 1024;

const storedFileCount = () => readdirSync(store, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

async function customer() {
  return actorOf(await createCustomer());
}

/** Runs an upload that must be refused: BAD_INPUT with a message matching `pattern`, and not one row or file more. */
async function expectUploadRefused(actor: Actor, file: { filename: string; bytes: Uint8Array; declaredType?: string }, pattern: RegExp) {
  const counts = await tableCounts();
  const files = storedFileCount();
  const error = await acceptUpload(db, actor, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${file.filename} was accepted`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("BAD_INPUT");
  expect((error as AppError).message).toMatch(pattern);
  expect(await tableCounts()).toEqual(counts);
  expect(storedFileCount()).toBe(files);
  return (error as AppError).message;
}

describe("uploads are refused with a clear message and nothing stored", () => {
  it("over the size limit", async () => {
    const message = await expectUploadRefused(await customer(), { filename: "big.pdf", bytes: new Uint8Array(10 * MiB + 1), declaredType: "application/pdf" }, /limit is 10 MB per file/);
    expect(message).toBe('"big.pdf" is 10.1 MB; the limit is 10 MB per file. Compress or split it, then try again.');
  });

  it("an empty file", async () => {
    await expectUploadRefused(await customer(), { filename: "empty.txt", bytes: new Uint8Array(0) }, /is empty/);
  });

  it("a script disguised as an image", async () => {
    const message = await expectUploadRefused(await customer(), { filename: "photo.png", bytes: text("<script>alert(1)</script>"), declaredType: "image/png" }, /named like a PNG image, but it is a web page or script/);
    expect(message).toMatch(/not accepted/);
  });

  it("an HTML page named .jpg", async () => {
    await expectUploadRefused(
      await customer(),
      { filename: "holiday.jpg", bytes: text("<!DOCTYPE html><html><body onload=alert(1)>hi</body></html>"), declaredType: "image/jpeg" },
      /named like a JPEG image, but it is a web page or script/,
    );
  });

  it("an SVG with a script, named .png or .svg", async () => {
    const svg = text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expectUploadRefused(await customer(), { filename: "logo.png", bytes: svg, declaredType: "image/png" }, /named like a PNG image/);
    await expectUploadRefused(await customer(), { filename: "logo.svg", bytes: text(`<?xml version="1.0"?>\n${new TextDecoder().decode(svg)}`), declaredType: "image/svg+xml" }, /markup/);
  });

  it("a program named .pdf, and a shell script named .txt", async () => {
    const exe = new Uint8Array(512);
    exe.set(text("MZ"), 0);
    exe.set([0x50, 0x45, 0, 0], 0x80);
    exe.set([0x80, 0, 0, 0], 0x3c);
    await expectUploadRefused(await customer(), { filename: "invoice.pdf", bytes: exe, declaredType: "application/pdf" }, /named like a PDF document, but it is a program/);
    await expectUploadRefused(await customer(), { filename: "notes.txt", bytes: text("#!/bin/sh\nrm -rf ~\n") }, /a script/);
  });

  it("a real PNG named .pdf, or sent as a PDF", async () => {
    await expectUploadRefused(await customer(), { filename: "scan.pdf", bytes: PNG }, /is a PNG image, but its name ends in \.pdf\. Rename it to end in \.png/);
    await expectUploadRefused(await customer(), { filename: "scan", bytes: PNG, declaredType: "application/pdf" }, /was sent as a PDF document, but it is a PNG image/);
  });

  it("types that are not accepted, and content nobody can recognise", async () => {
    await expectUploadRefused(await customer(), { filename: "tool.js", bytes: text("console.log('hi')") }, /ending in \.js, which is not accepted/);
    await expectUploadRefused(await customer(), { filename: "data.bin", bytes: new Uint8Array([1, 0, 2, 0, 3]) }, /could not tell what kind of file/);
    await expectUploadRefused(await customer(), { filename: "archive.tar.gz", bytes: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]) }, /GZ file, which is not accepted here\. Accepted: PNG, JPG/);
  });

  it("text that is not UTF-8 or holds NUL bytes", async () => {
    await expectUploadRefused(await customer(), { filename: "latin1.txt", bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]) }, /not valid UTF-8 text/);
    await expectUploadRefused(await customer(), { filename: "nul.txt", bytes: text("abc\u0000def") }, /could not tell/);
  });

  it("a name with path parts", async () => {
    for (const filename of ["../../etc/passwd", "a/b.txt", "..\\..\\boot.ini", "..", "/abs.txt"]) {
      await expectUploadRefused(await customer(), { filename, bytes: text("hello") }, /contains folder parts/);
    }
  });

  it("a name with control or invisible characters", async () => {
    const message = await expectUploadRefused(await customer(), { filename: "bad\u0007name.txt", bytes: text("hello") }, /contains control or invisible characters/);
    expect(message).toContain('"bad?name.txt"');
    await expectUploadRefused(await customer(), { filename: "two\nlines.txt", bytes: text("hello") }, /control/);
    // Right-to-left override: shows as "invoiceexe.pdf".
    await expectUploadRefused(await customer(), { filename: "invoice\u202efdp.exe", bytes: PDF }, /control or invisible/);
    await expectUploadRefused(await customer(), { filename: "   ", bytes: text("hello") }, /has no name/);
  });

  it("a name that is too long", async () => {
    await expectUploadRefused(await customer(), { filename: `${"a".repeat(201)}.txt`, bytes: text("hello") }, /too long/);
  });
});

describe("accepted uploads", () => {
  it("a PDF and a PNG are stored by content, owned by the uploader and unclaimed", async () => {
    const actor = await customer();
    const pdf = await acceptUpload(db, actor, { filename: "Rechnung März.pdf", bytes: PDF, declaredType: "application/pdf" });
    expect(pdf).toEqual({ id: expect.any(String), filename: "Rechnung März.pdf", contentType: "application/pdf", size: PDF.byteLength });
    // The type comes from the bytes, not from what the browser said.
    const png = await acceptUpload(db, actor, { filename: "screenshot.PNG", bytes: PNG, declaredType: "application/octet-stream" });
    expect(png.contentType).toBe("image/png");
    const rows = await db.select().from(uploads).where(inArray(uploads.id, [pdf.id, png.id]));
    expect(rows.every((r) => r.ownerId === actor.id && r.claimedAt === null)).toBe(true);
    const [row] = rows.filter((r) => r.id === png.id);
    expect(Buffer.from(await readStoredFile(db, row!.fileSha256)).equals(PNG)).toBe(true);
  });

  it("text, CSV and e-mail by name; a name without extension gets one; leading dots go", async () => {
    const actor = await customer();
    expect(await acceptUpload(db, actor, { filename: "log.txt", bytes: text("line 1\nline <b>2</b>\n") })).toMatchObject({ contentType: "text/plain" });
    expect(await acceptUpload(db, actor, { filename: "data.csv", bytes: text("\ufeffa;b\n1;2\n"), declaredType: "application/vnd.ms-excel" })).toMatchObject({ contentType: "text/csv" });
    expect(await acceptUpload(db, actor, { filename: "fwd.eml", bytes: text("From: a@b.example\r\nSubject: hi\r\n\r\nbody\r\n") })).toMatchObject({ contentType: "message/rfc822" });
    expect(await acceptUpload(db, actor, { filename: "scan", bytes: PNG })).toMatchObject({ filename: "scan.png", contentType: "image/png" });
    expect(await acceptUpload(db, actor, { filename: ".hidden.txt", bytes: text("x") })).toMatchObject({ filename: "hidden.txt" });
  });
});

describe("attaching uploads to tickets and replies", () => {
  it("a customer's new ticket carries its uploads as attachments of the first article", async () => {
    const queue = await createQueue();
    const user = await createCustomer();
    const pdf = await acceptUpload(db, actorOf(user), { filename: "contract.pdf", bytes: PDF });
    const png = await acceptUpload(db, actorOf(user), { filename: "photo.png", bytes: PNG });
    const { id } = await callerFor(user).ticket.create({ channel: "web", queueId: queue.id, title: "With files", body: "See attached", uploadIds: [png.id, pdf.id] });
    const seen = await callerFor(user).ticket.get({ ticketId: id });
    expect(seen.articles[0]!.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ["photo.png", "image/png", PNG.byteLength],
      ["contract.pdf", "application/pdf", PDF.byteLength],
    ]);
    const claimed = await db.select({ claimedAt: uploads.claimedAt }).from(uploads).where(inArray(uploads.id, [pdf.id, png.id]));
    expect(claimed.every((u) => u.claimedAt !== null)).toBe(true);
  });

  it("an agent's reply carries its uploads, also in the outgoing mail; a customer's follow-up too", async () => {
    const queue = await createQueue();
    const user = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer: user, queue });
    const file = await acceptUpload(db, actorOf(agent), { filename: "manual.pdf", bytes: PDF });
    const result = await callerFor(agent).article.reply({ ticketId: id, body: "The manual is attached.", uploadIds: [file.id] });
    const [mail] = await db.select().from(outbox).where(eq(outbox.articleId, result.articleId!));
    expect(mail!.attachments).toEqual([expect.objectContaining({ filename: "manual.pdf", contentType: "application/pdf", size: PDF.byteLength })]);

    const answer = await acceptUpload(db, actorOf(user), { filename: "answer.txt", bytes: text("Thanks!") });
    const followUp = await callerFor(user).article.reply({ ticketId: id, body: "Here is more.", uploadIds: [answer.id] });
    const files = await db.select({ filename: attachments.filename }).from(attachments).where(eq(attachments.articleId, followUp.articleId!));
    expect(files).toEqual([{ filename: "answer.txt" }]);
  });

  it("too many files are refused with a clear message; nothing is written and the uploads stay unclaimed", async () => {
    const queue = await createQueue();
    const user = await createCustomer();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await acceptUpload(db, actorOf(user), { filename: `file-${i}.txt`, bytes: text(`file ${i}`) })).id);

    const counts = await tableCounts();
    const refused = await settle(callerFor(user).ticket.create({ channel: "web", queueId: queue.id, title: "Many", body: "Too many files", uploadIds: ids }));
    expect(refused).toMatchObject({ outcome: "BAD_REQUEST", message: "Too many files: 11 attached, at most 10 per message. Remove some and try again." });
    expect(await tableCounts()).toEqual(counts);

    const { id } = await createTicket({ customer: user, queue });
    const tooMany = await expectRefusedWithoutTrace(id, () => callerFor(user).article.reply({ ticketId: id, body: "More", uploadIds: ids }), "BAD_REQUEST");
    expect(tooMany.message).toMatch(/^Too many files/);
    expect((await db.select().from(uploads).where(inArray(uploads.id, ids))).every((u) => u.claimedAt === null)).toBe(true);
  });

  it("someone else's upload, or one already sent, is not found and nothing is written", async () => {
    const queue = await createQueue();
    const owner = await createCustomer();
    const thief = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const upload = await acceptUpload(db, actorOf(owner), { filename: "private.pdf", bytes: PDF });

    const counts = await tableCounts();
    const refused = await settle(callerFor(thief).ticket.create({ channel: "web", queueId: queue.id, title: "Mine now", body: "x", uploadIds: [upload.id] }));
    expect(refused.outcome).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/^Upload not found/);
    expect(await tableCounts()).toEqual(counts);

    const { id } = await createTicket({ customer: owner, queue });
    const byAgent = await expectRefusedWithoutTrace(id, () => callerFor(agent).article.reply({ ticketId: id, body: "x", uploadIds: [upload.id] }), "BAD_REQUEST");
    expect(byAgent.message).toMatch(/^Upload not found/);

    await callerFor(owner).article.reply({ ticketId: id, body: "first", uploadIds: [upload.id] });
    const again = await expectRefusedWithoutTrace(id, () => callerFor(owner).article.reply({ ticketId: id, body: "second", uploadIds: [upload.id] }), "BAD_REQUEST");
    expect(again.message).toMatch(/already sent or removed/);
  });

  it("discard forgets only the caller's own unsent upload", async () => {
    const owner = await createCustomer();
    const other = await createCustomer();
    const upload = await acceptUpload(db, actorOf(owner), { filename: "oops.txt", bytes: text("wrong file") });
    expect(await callerFor(other).upload.discard({ uploadId: upload.id })).toEqual({ discarded: false });
    expect(await db.select().from(uploads).where(eq(uploads.id, upload.id))).toHaveLength(1);
    expect(await callerFor(owner).upload.discard({ uploadId: upload.id })).toEqual({ discarded: true });
    expect(await db.select().from(uploads).where(eq(uploads.id, upload.id))).toHaveLength(0);
  });
});

describe("downloads", () => {
  it("a customer of another company gets not-found; the owner gets the file as a nosniff attachment", async () => {
    const queue = await createQueue();
    const owner = await createCustomer({ companyId: (await createCompany()).id });
    const stranger = await createCustomer({ companyId: (await createCompany()).id, seesCompanyTickets: true });
    const upload = await acceptUpload(db, actorOf(owner), { filename: "photo.png", bytes: PNG });
    const { id } = await callerFor(owner).ticket.create({ channel: "web", queueId: queue.id, title: "Picture", body: "Look", uploadIds: [upload.id] });
    const [attachment] = (await callerFor(owner).ticket.get({ ticketId: id })).articles[0]!.attachments;

    const refused = await attachmentFor(db, actorOf(stranger), attachment!.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
    expect((await errorResponse(db, actorOf(stranger), refused)).status).toBe(404);

    const response = downloadResponse(await attachmentFor(db, actorOf(owner), attachment!.id));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="photo.png"/);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

describe("POST /api/uploads", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://desk.test/api/uploads", { method: "POST", body, headers });
  const form = (file: File) => {
    const data = new FormData();
    data.append("file", file);
    return data;
  };

  it("takes one file from a signed-in user and answers with its id", async () => {
    const user = await createCustomer();
    const response = await handleUpload(db, actorOf(user), post(form(new File([PDF], "report.pdf", { type: "application/pdf" }))));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    expect(body).toEqual({ id: expect.any(String), filename: "report.pdf", contentType: "application/pdf", size: PDF.byteLength });
    const [row] = await db.select().from(uploads).where(and(eq(uploads.id, body.id), eq(uploads.ownerId, user.id)));
    expect(row).toBeDefined();
  });

  it("refuses the anonymous, other sites and the malformed, storing nothing", async () => {
    const user = actorOf(await createCustomer());
    const counts = await tableCounts();
    const anonymous = await handleUpload(db, null, post(form(new File([PDF], "report.pdf"))));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/Sign in again/);
    expect((await handleUpload(db, user, post(form(new File([PDF], "report.pdf")), { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect((await handleUpload(db, user, post(JSON.stringify({ file: "x" }), { "content-type": "application/json" }))).status).toBe(400);
    const two = new FormData();
    two.append("file", new File([PDF], "a.pdf"));
    two.append("file", new File([PDF], "b.pdf"));
    const many = await handleUpload(db, user, post(two));
    expect(many.status).toBe(400);
    expect(((await many.json()) as { error: string }).error).toBe('Send exactly one file in the field "file".');
    expect(await tableCounts()).toEqual(counts);
  });

  it("answers the service's refusals as 400 with the message, keeping the name's path parts and control characters", async () => {
    const user = actorOf(await createCustomer());
    const counts = await tableCounts();
    for (const [file, pattern] of [
      [new File(["<script>alert(1)</script>"], "photo.png", { type: "image/png" }), /named like a PNG image, but it is a web page or script/],
      [new File(["hello"], "../../etc/passwd"), /folder parts/],
      [new File(["hello"], "bad\u0007name.txt"), /control or invisible characters/],
    ] as const) {
      const response = await handleUpload(db, user, post(form(file)));
      expect(response.status, file.name).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(pattern);
    }
    expect(await tableCounts()).toEqual(counts);
  });

  it("says 413 from Content-Length alone, and stops reading a body without one at the limit", async () => {
    const user = actorOf(await createCustomer());
    const counts = await tableCounts();
    const declared = await handleUpload(db, user, post("x", { "content-type": "multipart/form-data; boundary=b", "content-length": String(11 * MiB) }));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/limit is 10 MB per file/);

    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
        if (sent > 50 * MiB) controller.close();
      },
    });
    const streamed = await handleUpload(
      db,
      user,
      new Request("http://desk.test/api/uploads", { method: "POST", body: endless, headers: { "content-type": "multipart/form-data; boundary=b" }, duplex: "half" } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(12 * MiB);
    expect(await tableCounts()).toEqual(counts);
    // Exactly at the limit is fine; the route does not count the multipart envelope against the file.
    const atLimit = new Uint8Array(10 * MiB);
    atLimit.set(PDF);
    const ok = await handleUpload(db, user, post(form(new File([atLimit], "big.pdf"))));
    expect(ok.status).toBe(201);
  });
});
