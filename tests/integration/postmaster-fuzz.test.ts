import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { sha256Of } from "@/server/files/store";
import { type IngestOutcome, ingestMail } from "@/server/mail/postmaster";
import { setSetting } from "@/server/services/settings";
import { FOLDERS, corporaPresent, messageFiles, readMessage } from "./corpus/load";

/**
 * Postmaster fuzzing: the corpus messages, mutated the ways real and hostile mail breaks
 * (truncation, wrong charsets, broken boundaries, NUL bytes, header folding abuse), each fed to
 * the postmaster. Nothing may throw or hang, and every input must end as an article (or as a
 * duplicate of one) or in the quarantine with a reason. The run count is fixed (NUM_RUNS), so the
 * file's running time is bounded; the seed is printed by fast-check when a run fails.
 */
const NUM_RUNS = 100;

const corpus = corporaPresent() ? FOLDERS.flatMap((folder) => messageFiles(folder).map((file) => readMessage(folder, file))) : [];

it("the corpora are present for fuzzing", () => {
  expect(corpus.length).toBeGreaterThan(50);
});

afterEach(async () => {
  await db.delete(s.settings).where(eq(s.settings.key, "mail.max_message_bytes"));
});

const CHARSETS = ["utf-7", "utf-16", "iso-2022-jp", "gb18030", "koi8-r", "x-unknown-charset", "", "utf-8\u0000", "windows-1252"];

type Mutation = (raw: Buffer) => Buffer;

const latin1 = (raw: Buffer) => raw.toString("latin1");
const bytes = (text: string) => Buffer.from(text, "latin1");

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((at): Mutation => (raw) => raw.subarray(0, Math.floor(raw.length * at))),
  fc.constantFrom(...CHARSETS).map((charset): Mutation => (raw) => bytes(latin1(raw).replace(/charset=("?)[^";\s]*\1/gi, `charset=${charset}`))),
  fc.constantFrom("drop", "shorten", "swap").map(
    (how): Mutation =>
      (raw) => {
        const text = latin1(raw);
        const boundary = /boundary=("?)([^";\r\n]+)\1/i.exec(text)?.[2];
        if (!boundary) return raw;
        if (how === "drop") return bytes(text.split(`--${boundary}--`).join(""));
        if (how === "shorten") return bytes(text.split(`--${boundary}`).join(`--${boundary.slice(0, -1)}`));
        return bytes(text.replace(/boundary=("?)[^";\r\n]+\1/i, 'boundary="not-the-one"'));
      },
  ),
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }).map(
    (spots): Mutation =>
      (raw) => {
        const out = Buffer.from(raw);
        for (const spot of spots) out[Math.min(out.length - 1, Math.floor(out.length * spot))] = 0;
        return out;
      },
  ),
  fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("Subject", "From", "To", "Content-Type", "X-Fold")).map(
    ([lines, name]): Mutation =>
      (raw) => {
        const folded = `${name}: start\r\n${Array.from({ length: lines }, (_, i) => (i % 2 ? "\t" : " ") + "=?utf-8?Q?_?=").join("\r\n")}\r\n`;
        return Buffer.concat([bytes(folded), raw]);
      },
  ),
);

/** A fresh Message-ID on top, so runs on the same corpus message are separate messages. */
const fresh = (raw: Buffer) => Buffer.concat([Buffer.from(`Message-ID: <fuzz-${randomUUID()}@fuzz.example>\r\n`), raw]);

async function expectAccounted(raw: Buffer, r: IngestOutcome) {
  expect(["created", "follow_up", "duplicate", "ignored", "quarantined"]).toContain(r.outcome);
  if (r.outcome === "quarantined") {
    expect(r.reason).toBeTruthy();
    const rows = await db.select({ reason: s.quarantine.reason }).from(s.quarantine).where(eq(s.quarantine.rawSha256, sha256Of(raw)));
    expect(rows.length).toBeGreaterThan(0);
  } else if (r.outcome === "created" || r.outcome === "follow_up") {
    const [article] = await db.select({ id: s.articles.id }).from(s.articles).where(eq(s.articles.id, Number(r.articleId)));
    expect(article).toBeDefined();
  } else {
    const [inbound] = await db.select({ id: s.inboundMessages.id }).from(s.inboundMessages).where(eq(s.inboundMessages.rawSha256, sha256Of(raw)));
    expect(inbound ?? r.outcome === "duplicate").toBeTruthy();
  }
}

describe("postmaster fuzzing over the corpora", () => {
  it(`${NUM_RUNS} mutated corpus messages: none throws, each ends as an article or in the quarantine with a reason; the heap stays bounded`, { timeout: 180_000 }, async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(fc.nat(corpus.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (index, mutations) => {
        const raw = fresh(mutations.reduce<Buffer>((m, f) => f(m), corpus[index]!));
        await expectAccounted(raw, await ingestMail(db, raw, { source: "pipe" }));
      }),
      { numRuns: NUM_RUNS },
    );
    // Loose: what one run allocates is garbage afterwards; a leak of whole messages would show.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 * 1024);
  });

  it("1,000-deep multipart nesting is quarantined as too deep", async () => {
    let body = "Content-Type: text/plain\r\n\r\ninnermost\r\n";
    for (let i = 1000; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
    const raw = fresh(Buffer.from(`From: deep@customer.example\r\nSubject: deep\r\n${body}`));
    const r = await ingestMail(db, raw, { source: "pipe" });
    expect(r).toMatchObject({ outcome: "quarantined", reason: "adminMail.quarantine.reasons.tooDeep" });
  });

  it("10,000 parts are quarantined as too many parts", async () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join("");
    const raw = fresh(Buffer.from(`From: parts@customer.example\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n${parts}--p--\r\n`));
    const r = await ingestMail(db, raw, { source: "pipe" });
    expect(r).toMatchObject({ outcome: "quarantined", reason: "adminMail.quarantine.reasons.tooManyParts" });
  });

  it("a 50 MB body: over the default limit it is quarantined whole; under a raised limit it becomes an article", { timeout: 180_000 }, async () => {
    const line = `${"lorem ipsum dolor sit amet ".repeat(3)}\r\n`;
    const body = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    const raw = fresh(Buffer.from(`From: big@customer.example\r\nSubject: big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`));
    const over = await ingestMail(db, raw, { source: "pipe" });
    expect(over).toMatchObject({ outcome: "quarantined", reason: "adminMail.quarantine.reasons.tooLarge" });
    await setSetting(db, "mail.max_message_bytes", 64 * 1024 * 1024);
    const again = fresh(raw);
    await expectAccounted(again, await ingestMail(db, again, { source: "pipe" }));
  });
});
