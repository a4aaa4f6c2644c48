import { describe, expect, it } from "vitest";
import { acceptAttribute, classify } from "@/server/files/sniff";

const ALLOWED = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv", "application/zip", "message/rfc822"]);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const GIF = bytes("GIF89a", [1, 0, 1, 0, 0, 0, 0], ";");
const WEBP = bytes("RIFF", [0x1a, 0, 0, 0], "WEBPVP8 ", [0x0e, 0, 0, 0, 0x30, 0x01, 0, 0x9d, 0x01, 0x2a, 1, 0, 1, 0]);

describe("classify: what a file is comes from its bytes", () => {
  it("accepts images under any case of their own extensions", async () => {
    expect(await classify(JPEG, "Holiday.JPEG", "image/jpeg", ALLOWED)).toEqual({ ok: true, contentType: "image/jpeg", ext: "jpeg" });
    expect(await classify(GIF, "anim.gif", "", ALLOWED)).toMatchObject({ ok: true, contentType: "image/gif" });
    expect(await classify(WEBP, "pic.webp", "image/webp", ALLOWED)).toMatchObject({ ok: true, contentType: "image/webp" });
  });

  it("does not let an image pass as another image's name, but a browser's image/* label may differ", async () => {
    expect(await classify(GIF, "anim.png", "image/png", ALLOWED)).toMatchObject({ ok: false, reason: expect.stringMatching(/is a GIF image, but its name ends in \.png/) });
    expect(await classify(JPEG, "photo.jpg", "image/png", ALLOWED)).toMatchObject({ ok: true, contentType: "image/jpeg" });
  });

  it("refuses what the settings do not allow, even when it is what it says", async () => {
    expect(await classify(GIF, "anim.gif", "image/gif", new Set(["image/png"]))).toEqual({ ok: false, reason: '"anim.gif" is a GIF image, which is not accepted here. Accepted: PNG.' });
  });

  it("refuses a script behind a byte-order mark and whitespace", async () => {
    expect(await classify(bytes([0xef, 0xbb, 0xbf], "  \n<html><script>x()</script>"), "readme.txt", "text/plain", ALLOWED)).toMatchObject({ ok: false, reason: expect.stringMatching(/web page or script/) });
  });

  it("keeps a web-looking word inside ordinary text", async () => {
    expect(await classify(bytes("Error log\n<script> tag was blocked by the proxy\n"), "log.txt", "", ALLOWED)).toMatchObject({ ok: true, contentType: "text/plain" });
  });

  it("takes 8-bit mail as an .eml file, but not as text", async () => {
    const mail = bytes("From: a@b.example\r\nSubject: caf", [0xe9], "\r\n\r\nbody\r\n");
    expect(await classify(mail, "message.eml", "message/rfc822", ALLOWED)).toMatchObject({ ok: true, contentType: "message/rfc822" });
    expect(await classify(mail, "message.txt", "", ALLOWED)).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid UTF-8/) });
  });

  it("offers a picker the extensions and types it may choose", () => {
    expect(acceptAttribute(new Set(["image/jpeg", "text/csv"]))).toBe(".jpg,.jpeg,.jpe,.jfif,image/jpeg,.csv,text/csv");
  });
});
