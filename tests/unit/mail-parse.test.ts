import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { guessDecode } from "@/server/mail/charset";
import { normalizeMessageId, parseMail, safeFilename, uudecode } from "@/server/mail/parse";
import { buildMail, withHeader } from "../helpers/mail";

const raw = (...lines: (string | Buffer)[]) => Buffer.concat(lines.map((l) => Buffer.concat([typeof l === "string" ? Buffer.from(l, "latin1") : l, Buffer.from("\r\n")])));

describe("normalizeMessageId", () => {
  it.each([
    ["<abc@example.com>", "<abc@example.com>"],
    ["  <abc@example.com>  ", "<abc@example.com>"],
    ["abc@example.com", "<abc@example.com>"],
    ["<Case.Kept@Example.COM>", "<Case.Kept@Example.COM>"],
    ["Re: <first@example.com> <second@example.com>", "<first@example.com>"],
  ])("%j → %j", (value, expected) => {
    expect(normalizeMessageId(value)).toBe(expected);
  });

  it.each([[null], [undefined], [""], ["   "], ["two words"], ["<>"]])("%j → null", (value) => {
    expect(normalizeMessageId(value)).toBeNull();
  });
});

describe("safeFilename", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\Desktop\\report.pdf", "report.pdf"],
    ["/absolute/path/file.txt", "file.txt"],
    ["Test\r\n test\ttest\u0000.eml", "Test test test.eml"],
    ["bell\u0007and\u001bescape\u007f.txt", "bellandescape.txt"],
    ["...hidden", "hidden"],
    [" .env", "env"],
    ["", "attachment"],
    ["../", "attachment"],
    ["金田　美羽", "金田　美羽"],
    ["Documentacio\u0301n.pdf", "Documentacio\u0301n.pdf"],
  ])("%j → %j", (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });

  it("keeps at most 200 characters", () => {
    expect(safeFilename(`${"a".repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe("uudecode", () => {
  it("decodes x-uuencode lines, with or without begin/end", () => {
    expect(uudecode(Buffer.from(",2&5L;&\\@6F%M;6%D\n`\n")).toString()).toBe("Hello Zammad");
    expect(uudecode(Buffer.from("begin 644 hi.txt\n%:&5L;&\\`\n`\nend\n")).toString()).toBe("hello");
  });
});

describe("guessDecode (charset missing, wrong or unknown)", () => {
  it("keeps valid UTF-8", () => {
    expect(guessDecode(Buffer.from("Grüße 差出人"), [])).toBe("Grüße 差出人");
  });
  it("reads lone 8-bit bytes as windows-1252", () => {
    expect(guessDecode(Buffer.from("r\xe1pido \xae", "latin1"), [])).toBe("rápido ®");
  });
  it("reads UTF-8 as UTF-8 and the stray Latin-1 bytes among it as Latin-1", () => {
    expect(guessDecode(Buffer.concat([Buffer.from("äöü - "), Buffer.from("\xe4\xf6\xfc", "latin1")]), [])).toBe("äöü - äöü");
  });
  it("reads paired high bytes as the CJK charset the message declares, else GB18030", () => {
    const gb = iconv.encode("机房环境法规", "gb2312");
    expect(guessDecode(gb, [])).toBe("机房环境法规");
    expect(guessDecode(iconv.encode("회원님께", "euc-kr"), ["euc-kr"])).toBe("회원님께");
  });
  it("prefers a single-byte charset the message declares", () => {
    expect(guessDecode(iconv.encode("Сергей", "koi8-r"), ["koi8-r"])).toBe("Сергей");
  });
});

describe("parseMail", () => {
  it("decodes raw 8-bit header bytes in the charset the message declares", async () => {
    const p = await parseMail(
      raw(Buffer.concat([Buffer.from("From: \""), iconv.encode("武兰成", "gb2312"), Buffer.from("\" <w@example.com>")]), Buffer.concat([Buffer.from("Subject: "), iconv.encode("转发：整体提升", "gb2312")]), "Content-Type: text/plain; charset=gb2312", "", "x"),
    );
    expect(p.from).toEqual({ address: "w@example.com", name: "武兰成" });
    expect(p.subject).toBe("转发：整体提升");
  });

  it("reads a raw Latin-1 byte in an address as Latin-1 when nothing suggests otherwise", async () => {
    const p = await parseMail(raw("From: a@example.com", "To: =?iso-8859-1?Q?G=FCnther?= <k.g\xfcnther@example.com>", "", "x"));
    expect(p.to).toEqual([{ address: "k.günther@example.com", name: "Günther" }]);
  });

  it("decodes UTF-7 in encoded words and bodies", async () => {
    const p = await parseMail(raw("From: a@example.com", "Subject: =?unicode-1-1-utf-7?Q?+ANw-bermittlung?=", "Content-Type: text/plain; charset=unicode-1-1-utf-7", "", "Empf+AOQ-nger"));
    expect(p.subject).toBe("Übermittlung");
    expect(p.text.trim()).toBe("Empfänger");
  });

  it("guesses the charset of an undeclared 8-bit body", async () => {
    const p = await parseMail(raw("From: a@example.com", "Subject: x", "", "demasiado r\xe1pido"));
    expect(p.text.trim()).toBe("demasiado rápido");
  });

  it("repairs senders' broken addresses", async () => {
    const spaces = await parseMail(raw('From: "your secret past" <power quadrant system@example.com>', "", "x"));
    expect(spaces.from).toEqual({ address: "powerquadrantsystem@example.com", name: "your secret past" });
    const stray = await parseMail(raw('From: "Millions Lottery"@example.com>', "", "x"));
    expect(stray.from).toEqual({ address: '"millions lottery"@example.com', name: "" });
    const reversed = await parseMail(raw("From: a@example.com", "To: =?iso-8859-2?Q?Namedy=F1ski?= (hans@example.com)", "", "x"));
    expect(reversed.to).toEqual([{ address: "hans@example.com", name: "Namedyński" }]);
  });

  it("takes the sender from Reply-To when From has no address, and has none when nothing names one", async () => {
    const p = await parseMail(raw('From: "Me" <>', "Reply-To: <me@example.com>", "", "x"));
    expect(p.from?.address).toBe("me@example.com");
    expect((await parseMail(buildMail({ from: null }))).from).toBeNull();
  });

  it("repairs a continuation line without indentation (a boundary under Content-Type)", async () => {
    const p = await parseMail(raw("From: a@example.com", "Content-Type: multipart/alternative;", 'boundary="b1"', "", "--b1", "Content-Type: text/plain", "", "plain text", "--b1", "Content-Type: text/html", "", "<b>html</b>", "--b1--"));
    expect(p.text.trim()).toBe("plain text");
    expect(p.html?.trim()).toBe("<b>html</b>");
  });

  it("a named text part shown inline is an attachment, not body", async () => {
    const p = await parseMail(raw("From: a@example.com", 'Content-Type: multipart/mixed; boundary="b"', "", "--b", "Content-Type: text/plain", "", "the body", "--b", 'Content-Type: text/plain; name="notes.txt"', "Content-Disposition: inline", "", "file content", "--b--"));
    expect(p.text.trim()).toBe("the body");
    expect(p.attachments.map((a) => [a.filename, a.content.toString().trim()])).toEqual([["notes.txt", "file content"]]);
  });

  it("keeps a delivery report's parts as attachments, names them, and knows the returned Message-ID", async () => {
    const p = await parseMail(
      raw(
        "From: MAILER-DAEMON@mx.example.com",
        "Subject: Undelivered Mail Returned to Sender",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        "",
        "--r",
        "Content-Type: text/plain",
        "",
        "could not deliver",
        "--r",
        "Content-Description: Delivery report",
        "Content-Type: message/delivery-status",
        "",
        "Status: 5.1.1",
        "--r",
        "Content-Type: message/rfc822",
        "",
        "Subject: Re: [Ticket#2026112410000019] Printer",
        "Message-ID: <ours@desk.example>",
        "",
        "our reply",
        "--r--",
      ),
    );
    expect(p.text.trim()).toBe("could not deliver");
    expect(p.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["Delivery report.txt", "message/delivery-status"],
      ["Re: [Ticket#2026112410000019] Printer.eml", "message/rfc822"],
    ]);
    expect(p.returnedMessageIds).toEqual(["<ours@desk.example>"]);
  });

  it("leaves an attached message byte for byte as sent, even where it would repair the outer one", async () => {
    const inner = raw("From: x@example.com", "Subject: caf\xe9", "Content-Type: text/plain", "", "na\xefve").subarray(0, -2);
    const p = await parseMail(raw("From: a@example.com", 'Content-Type: multipart/mixed; boundary="m"', "", "--m", "Content-Type: message/rfc822", "", inner, "--m--"));
    expect(p.attachments[0]!.content.equals(inner)).toBe(true);
    expect(p.attachments[0]!.filename).toBe("café.eml");
  });

  it("stores the declared type of an attachment, not one guessed from its name", async () => {
    const p = await parseMail(buildMail({ attachments: [{ filename: "sheet.xlsx", contentType: "application/octet-stream", content: Buffer.from("PK") }] }));
    expect(p.attachments[0]!.contentType).toBe("application/octet-stream");
  });

  it("decodes x-uuencode attachments", async () => {
    const p = await parseMail(raw("From: a@example.com", 'Content-Type: multipart/mixed; boundary="u"', "", "--u", "Content-Type: text/plain", "", "see attached", "--u", 'Content-Type: application/octet-stream; name="hi.txt"', "Content-Transfer-Encoding: x-uuencode", "", ",2&5L;&\\@6F%M;6%D", "`", "--u--"));
    expect(p.attachments[0]!.content.toString()).toBe("Hello Zammad");
  });

  it("withHeader (test helper) replaces a header and keeps the rest byte for byte", () => {
    const original = buildMail({ subject: "old" });
    const changed = withHeader(original, "Subject", "new");
    expect(changed.toString()).toContain("Subject: new\r\n");
    expect(changed.toString().replace("Subject: new", "Subject: old")).toBe(original.toString());
  });
});
