import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { inboundMessages } from "@/db/schema";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { classify } from "@/server/mail/classify";
import { parseMail } from "@/server/mail/parse";
import { ingestMail } from "@/server/mail/postmaster";
import { getSetting } from "@/server/services/settings";
import { Checker, checkedSoFar } from "./corpus/check";
import { type Delivered, deliver, jobsFor, sha256 } from "./corpus/deliver";
import { CORPORA, type Entry, FOLDERS, type Folder, corporaPresent, expectedOf, messageFiles, readJson, readMessage } from "./corpus/load";
import { checkMailparser, checkPhpImap, checkPostalMime } from "./corpus/others";
import { checkZammad, zammadSetup } from "./corpus/zammad";
import { checkZnuny } from "./corpus/znuny";

/**
 * Every message of ../shared/corpora through the postmaster (as the pipe feeds it), and every
 * non-null field of every EXPECTED.json entry checked against what the desk stored. Where the
 * desk answers differently from another project, corpus/zammad.ts and corpus/znuny.ts say why.
 * Fails, never skips, when the corpora are missing.
 */
const present = corporaPresent();

/** Messages without any sender address (no From, Sender or Reply-To): kept in the quarantine. */
const QUARANTINED = new Set(["mailparser/mixed.eml", "postal-mime/mixed.eml", "php-imap/inline_attachment.eml", "php-imap/attachment_encoded_filename.eml", "znuny/EmailParser/MultipartMixedHTML.eml", "znuny/EmailParser/UTF-7.box"]);

it(`the corpora are present at ${CORPORA}`, () => {
  expect(present, `${CORPORA} is missing: CI provides ../shared; this test fails rather than skips without it`).toBe(true);
});

for (const folder of present ? FOLDERS : []) {
  const { files } = expectedOf(folder);
  describe(`corpus ${folder}`, () => {
    it("has an EXPECTED.json entry for every message file and a file for every entry", () => {
      expect(Object.keys(files).sort()).toEqual(messageFiles(folder));
    });
    for (const [file, entry] of Object.entries(files)) {
      it(file, async () => {
        const c = new Checker(`${folder}/${file}`);
        const raw = readMessage(folder, file);
        c.eq("sha256", sha256(raw), entry.sha256, "the corpus file is the one the expectations were written for");
        c.eq("size_bytes", raw.length, entry.size_bytes);
        const setup = folder === "zammad" ? await zammadSetup(file, entry) : null;
        const d = await deliver(folder, file, raw);
        checkOutcome(folder, file, d, Boolean(setup));
        await checkEntry(c, folder, file, entry, d, setup);
        c.assertCovered(entry);
      });
    }
  });
}

function checkOutcome(folder: Folder, file: string, d: Delivered, followUp: boolean) {
  const key = `${folder}/${file}`;
  if (QUARANTINED.has(key)) {
    expect(d.result, key).toMatchObject({ outcome: "quarantined", reason: "the message has no sender address" });
    expect(d.parsed.from, `${key}: really no sender`).toBeNull();
  } else {
    expect(d.result.outcome, `${key}: ${d.quarantineDetail ?? ""}`).toBe(followUp ? "follow_up" : "created");
  }
}

async function checkEntry(c: Checker, folder: Folder, file: string, e: Entry, d: Delivered, setup: Awaited<ReturnType<typeof zammadSetup>>) {
  if (folder === "mailparser") checkMailparser(c, file, e, d);
  else if (folder === "php-imap") checkPhpImap(c, e, d);
  else if (folder === "postal-mime") {
    checkPostalMime(c, file, e, d);
    if (file === "calendar-event.eml") {
      // postal-mime: attachments[0].content deep-equals attachments[1].content (text/calendar and .ics).
      const [a, b] = d.attachments;
      c.eq("other_assertions", a && b && sha256(a.bytes) === sha256(b.bytes), true);
    }
  } else if (folder === "zammad") await checkZammad(c, file, e, d, setup);
  else await checkZnuny(c, file, e, d);
}

// Without the corpora only the failing presence test (and the count below) run: nothing is skipped.
if (present) describe("corpus header tables through classify()", () => {
  it("Znuny LoopDetection.t: X-OTRS-Loop (= automated, no auto-response) for each header", async () => {
    const c = new Checker("znuny/INLINE_LOOP_DETECTION_CASES.json");
    const { cases } = readJson<{ cases: { name: string; raw: string; expected: Record<string, string> }[] }>("znuny", "INLINE_LOOP_DETECTION_CASES.json");
    for (const k of cases) {
      const p = await parseMail(Buffer.from(k.raw));
      c.eq(`${k.name}: From`, p.from?.address, k.expected.From);
      c.eq(`${k.name}: X-OTRS-Loop`, classify(p).automated, k.expected["X-OTRS-Loop"] === "yes");
    }
    expect(cases.length).toBe(8);
  });

  it("Zammad auto-response check: no auto-response to automated mail, end to end", async () => {
    const c = new Checker("zammad/INLINE_AUTOREPLY_CASES.json send_auto_response_cases");
    const fqdn = await getSetting(db, "mail.message_id_domain");
    const { send_auto_response_cases: cases } = readJson<{ send_auto_response_cases: { raw: string; expected: Record<string, boolean> }[] }>("zammad", "INLINE_AUTOREPLY_CASES.json");
    for (const [i, k] of cases.entries()) {
      const raw = k.raw.startsWith("(") ? gmailVacation(k.raw) : k.raw.replaceAll("{fqdn}", fqdn);
      const p = await parseMail(Buffer.from(raw));
      const send = k.expected["x-zammad-send-auto-response"];
      c.eq(`case ${i}: classify`, !classify(p, { ownMessageIdDomain: fqdn }).automated, send);
      await db.delete(inboundMessages);
      const r = await ingestMail(db, Buffer.from(raw), { source: "pipe" });
      c.eq(`case ${i}: auto-response jobs`, await jobsFor(autoRespond.name, r.articleId!), send ? 1 : 0);
    }
  });

  it("Zammad out-of-office check", async () => {
    const c = new Checker("zammad/INLINE_AUTOREPLY_CASES.json out_of_office_cases");
    const { out_of_office_cases: cases } = readJson<{ out_of_office_cases: { name: string; raw: string; expected: Record<string, boolean> }[] }>("zammad", "INLINE_AUTOREPLY_CASES.json");
    for (const k of cases) {
      const kind = classify(await parseMail(Buffer.from(k.raw)));
      c.eq(`${k.name}: out of office`, kind.outOfOffice, k.expected["x-zammad-out-of-office"]);
      if (k.expected["x-zammad-out-of-office"]) c.eq(`${k.name}: automated`, kind.automated, true);
    }
  });

  it("Zammad precedence filter: Precedence: list is an auto-response; foreign x-zammad-* flags are not trusted", async () => {
    const c = new Checker("zammad/INLINE_AUTOREPLY_CASES.json precedence_filter_cases");
    const { precedence_filter_cases: cases } = readJson<{ precedence_filter_cases: { mail_hash_headers: Record<string, string>; expected: Record<string, boolean> }[] }>("zammad", "INLINE_AUTOREPLY_CASES.json");
    for (const [i, k] of cases.entries()) {
      const headers = { from: "me@example.com", ...k.mail_hash_headers };
      const raw = [...Object.entries(headers).map(([n, v]) => `${n}: ${v}`), "Subject: test", "", "Some Text"].join("\n");
      const kind = classify(await parseMail(Buffer.from(raw)));
      const flags = Object.keys(k.mail_hash_headers).some((h) => h.startsWith("x-zammad-"));
      if (!flags) {
        c.eq(`case ${i}: is-auto-response`, kind.automated, k.expected["is-auto-response"]);
        c.eq(`case ${i}: send-auto-response`, !kind.automated, k.expected["send-auto-response"]);
      } else {
        // x-zammad-* are flags Zammad's own filters set; arriving in a mail they would let any
        // sender switch loop protection off, so the desk ignores them: Precedence decides.
        c.eq(`case ${i}: precedence decides, x-zammad-* ignored`, kind.automated, "precedence" in k.mail_hash_headers);
      }
    }
  });
});

if (present) describe("corpus messages delivered twice", () => {
  it("byte-identical zammad/mail006.box and znuny PostMaster-Test4.box: the second is a duplicate of the first", async () => {
    await db.delete(inboundMessages);
    const first = await ingestMail(db, readMessage("zammad", "mail006.box"), { source: "pipe" });
    const second = await ingestMail(db, readMessage("znuny", "EmailParser/PostMaster-Test4.box"), { source: "pipe" });
    expect(first.outcome).toBe("created");
    expect(second).toMatchObject({ outcome: "duplicate", ticketNumber: first.ticketNumber, articleId: first.articleId });
  });

  it("zammad mail089/mail090 share a Message-ID: the second is a duplicate (dedupe is by Message-ID, SPEC §5.2)", async () => {
    await db.delete(inboundMessages);
    const first = await ingestMail(db, readMessage("zammad", "mail089.box"), { source: "pipe" });
    const second = await ingestMail(db, readMessage("zammad", "mail090.box"), { source: "pipe" });
    expect(second).toMatchObject({ outcome: "duplicate", ticketNumber: first.ticketNumber });
  });
});

/** The Gmail vacation sample is described by its headers only ("headers: A: x / B: y"). */
function gmailVacation(description: string): string {
  const headers = description.slice(description.indexOf("headers:") + "headers:".length).split(" / ").map((h) => h.trim());
  return ["From: vacation@example.com", "To: support@example.com", ...headers, "", "<p>I am on vacation.</p>"].join("\n");
}

afterAll(() => {
  if (present) console.log(`corpus expectations checked: ${checkedSoFar()}`);
});

it("checked the corpus expectations (the count is printed)", () => {
  expect(checkedSoFar()).toBeGreaterThanOrEqual(1200);
});
