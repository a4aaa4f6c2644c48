/**
 * Puts the XSS corpus into the e2e desk: each vector as the HTML body of a mail piped through
 * the real postmaster (parse, sanitize, store) and as the title and text of a portal ticket;
 * plus one mail carrying an HTML and an SVG attachment. Prints one JSON line for the spec.
 * Run with the desk's DATABASE_URL: `node --import tsx tests/xss/seed.ts`.
 */
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { attachments, queues, tickets, users } from "@/db/schema";
import { stopProducer } from "@/jobs/boss";
import { loadActor } from "@/server/auth/actor";
import { ingestMail } from "@/server/mail/postmaster";
import { getSetting, setSetting } from "@/server/services/settings";
import { createTicket } from "@/server/services/tickets/create";
import { VECTORS } from "./corpus";

const stamp = Date.now();
const CUSTOMER = "customer@example.com";

function htmlMail(subject: string, html: string, id: string, attachments: { name: string; type: string; body: string }[] = []): Buffer {
  const boundary = `b-${id}`;
  const head = [`From: Carla Customer <${CUSTOMER}>`, "To: Example Help Desk <support@example.com>", `Subject: ${subject}`, `Message-ID: <${id}@xss.example>`, `Date: ${new Date().toUTCString()}`, "MIME-Version: 1.0"];
  const htmlPart = ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "", Buffer.from(`<p>Vector below.</p>${html}<p>End.</p>`).toString("base64")];
  if (!attachments.length) return Buffer.from([...head, ...htmlPart].join("\r\n"));
  const parts = [
    ["--" + boundary, ...htmlPart].join("\r\n"),
    ...attachments.map((a) => ["--" + boundary, `Content-Type: ${a.type}; name="${a.name}"`, `Content-Disposition: attachment; filename="${a.name}"`, "Content-Transfer-Encoding: base64", "", Buffer.from(a.body).toString("base64")].join("\r\n")),
  ];
  return Buffer.from([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, "", ...parts, `--${boundary}--`, ""].join("\r\n"));
}

const ticketIdOf = async (number: string | null) => {
  if (!number) throw new Error("the postmaster made no ticket");
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
  return row!.id;
};

const limit = await getSetting(db, "tickets.max_new_per_hour_per_address");
await setSetting(db, "tickets.max_new_per_hour_per_address", 0);
try {
  const [customer] = await db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.email, CUSTOMER));
  const actor = await loadActor(db, customer!.id, customer!.sv);
  const [queue] = await db.select({ id: queues.id }).from(queues).where(and(eq(queues.name, "IT"), eq(queues.customerVisible, true)));
  const mails: { name: string; id: number }[] = [];
  const web: { name: string; id: number }[] = [];
  for (const v of VECTORS) {
    const result = await ingestMail(db, htmlMail(`XSS mail ${v.name} ${stamp}`, v.html, `${v.name}-${stamp}`), { source: "pipe" });
    mails.push({ name: v.name, id: await ticketIdOf(result.ticketNumber) });
    const title = `XSS ${v.name} ${v.html}`.replaceAll("\u0000", "").slice(0, 240);
    const made = await createTicket(db, actor!, { channel: "web", queueId: queue!.id, title, body: v.html.replaceAll("\u0000", "") });
    web.push({ name: v.name, id: made.id });
  }
  const payload = `<script>top.__xss&&top.__xss('attachment')</script><img src=x onerror="top.__xss&&top.__xss('attachment-img')">`;
  const withFiles = await ingestMail(
    db,
    htmlMail(`XSS attachments ${stamp}`, "<p>Files attached.</p>", `files-${stamp}`, [
      { name: "page.html", type: "text/html", body: `<!doctype html><html><body>${payload}</body></html>` },
      { name: "image.svg", type: "image/svg+xml", body: `<svg xmlns="http://www.w3.org/2000/svg" onload="top.__xss&&top.__xss('svg-attachment')"><script>top.__xss&&top.__xss('svg-script')</script></svg>` },
    ]),
    { source: "pipe" },
  );
  const files = await db
    .select({ id: attachments.id, filename: attachments.filename })
    .from(attachments)
    .where(sql`${attachments.articleId} = ${Number(withFiles.articleId)}`);
  process.stdout.write(`${JSON.stringify({ mails, web, attachments: { ticketId: await ticketIdOf(withFiles.ticketNumber), files } })}\n`);
} finally {
  await setSetting(db, "tickets.max_new_per_hour_per_address", limit);
  await stopProducer().catch(() => {});
  await db.$client.end({ timeout: 5 });
}
