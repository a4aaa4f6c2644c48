import { describe, expect, it } from "vitest";
import { classify } from "@/server/mail/classify";
import { hookNumbers } from "@/server/mail/followup";
import { subjectWithHook } from "@/server/mail/compose";
import { parseMail } from "@/server/mail/parse";

const NUMBER = "2026112410000019";

const mail = (headers: string[], body = "Some text") => parseMail(Buffer.from([...headers, "", body].join("\r\n")));
const kind = async (...headers: string[]) => classify(await mail(["From: someone@example.com", "To: desk@example.com", "Subject: Hello", ...headers]), { ownMessageIdDomain: "desk.example", ownAddresses: new Set(["desk@example.com"]) });

describe("hookNumbers", () => {
  it.each([
    [`[Ticket#${NUMBER}] Printer`, [NUMBER]],
    [`AW: RE: Fwd: [Ticket#${NUMBER}] Printer is broken`, [NUMBER]],
    [`Re: Printer Ticket#: ${NUMBER}`, [NUMBER]],
    [`Re: Printer Ticket#:${NUMBER}`, [NUMBER]],
    [`Printer ticket#${NUMBER}`, [NUMBER]],
    [`[Ticket#${NUMBER}] and [Ticket#2026112410000027]`, [NUMBER, "2026112410000027"]],
  ])("finds the number in %j", (subject, numbers) => {
    expect(hookNumbers(subject, "Ticket#")).toEqual(numbers);
  });

  it.each([["[Ticket#11168] a Zammad-sized number"], ["Order 2026112410000019 without the hook"], ["Ticket# none here"], [""]])("finds nothing in %j", (subject) => {
    expect(hookNumbers(subject, "Ticket#")).toEqual([]);
  });

  it("treats the hook literally, even with regular-expression characters", () => {
    expect(hookNumbers(`[Req.(1)+${NUMBER}]`, "Req.(1)+")).toEqual([NUMBER]);
    expect(hookNumbers(`[ReqX(1)+${NUMBER}]`, "Req.(1)+")).toEqual([]);
  });
});

describe("subjectWithHook (what our replies carry)", () => {
  it.each([
    ["Printer is broken", `[Ticket#${NUMBER}] Re: Printer is broken`],
    [`AW: RE: Fwd: [Ticket#${NUMBER}] Printer is broken`, `[Ticket#${NUMBER}] Re: Printer is broken`],
    [`Re: [Ticket#${NUMBER}] Re: Re: Printer`, `[Ticket#${NUMBER}] Re: Printer`],
    [`WG: SV: Antw: Printer`, `[Ticket#${NUMBER}] Re: Printer`],
  ])("%j becomes %j, hook once, no pile of prefixes", (subject, expected) => {
    expect(subjectWithHook("Ticket#", NUMBER, subject)).toBe(expected);
  });

  it("a mangled answer to our subject still names the ticket", () => {
    const ours = subjectWithHook("Ticket#", NUMBER, "Printer");
    expect(hookNumbers(`AW: RE: Fwd: ${ours}`, "Ticket#")).toEqual([NUMBER]);
  });
});

describe("classify", () => {
  it("ordinary mail is not automated", async () => {
    expect(await kind()).toMatchObject({ automated: false, bounce: false, outOfOffice: false, mailingList: false });
  });

  it("Auto-Submitted: no is not automated (RFC 3834)", async () => {
    expect((await kind("Auto-Submitted: no")).automated).toBe(false);
  });

  it.each([
    ["Auto-Submitted: auto-replied"],
    ["Auto-Submitted: auto-generated"],
    ["Precedence: bulk"],
    ["Precedence: junk"],
    ["Precedence: list"],
    ["X-Loop: desk@elsewhere.example"],
    ["X-No-Loop: yes"],
    ["X-OTRS-Loop: yes"],
    ["X-Auto-Response-Suppress: All"],
    ["X-Autoreply: yes"],
    ["List-Id: <users.lists.example>"],
    ["Return-Path: <>"],
    ["Message-ID: <abc@desk.example>"],
  ])("%s is automated", async (header) => {
    expect((await kind(header)).automated).toBe(true);
  });

  it("mail from our own address is automated (our mail came back)", async () => {
    const p = await mail(["From: Desk <DESK@example.com>", "To: desk@example.com", "Subject: x"]);
    expect(classify(p, { ownAddresses: new Set(["desk@example.com"]) }).reasons).toContain("sent from our own address");
  });

  it("a Message-ID of another host that merely contains our domain is not ours", async () => {
    expect((await kind("Message-ID: <1234@not_matching.desk.example>")).automated).toBe(false);
  });

  it("a delivery status report from the mailer-daemon is a bounce", async () => {
    const p = await mail([
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
      "To: desk@example.com",
      "Subject: Undelivered Mail Returned to Sender",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    ], "--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b--");
    expect(classify(p)).toMatchObject({ automated: true, bounce: true });
  });

  it("mailer-daemon mail that is not a failure notice is automated but no bounce", async () => {
    const p = await mail(["From: MAILER-DAEMON@mx.example.com", "To: desk@example.com", "Subject: Warning: could not send message for past 4 hours"]);
    expect(classify(p)).toMatchObject({ automated: true, bounce: false });
  });

  it.each([
    ["Auto-Submitted: auto-replied (zimbra; vacation)"],
    ['Auto-submitted: auto-replied; owner-email="me@example.com"'],
    ["X-Autoreply: yes"],
  ])("%s is an out-of-office reply", async (header) => {
    expect((await kind(header)).outOfOffice).toBe(true);
  });

  it("Exchange's suppress header with its rules loop marks an out-of-office; the loop header alone does not", async () => {
    expect((await kind("X-Auto-Response-Suppress: All", "X-MS-Exchange-Inbox-Rules-Loop: a@example.com")).outOfOffice).toBe(true);
    expect(await kind("X-MS-Exchange-Inbox-Rules-Loop: a@example.com")).toMatchObject({ outOfOffice: false, automated: false });
  });

  it("a mailing list is recognised as such", async () => {
    expect(await kind("List-Unsubscribe: <mailto:leave@lists.example>")).toMatchObject({ mailingList: true, automated: true });
  });
});
