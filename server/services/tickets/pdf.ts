import { eq } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import type { Tx } from "@/db";
import { customerCompanies } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { dir } from "@/server/i18n/config";
import { readerLanguage } from "@/server/i18n/reader-language";
import { translatorFor } from "@/server/i18n/translate";
import { htmlToText } from "@/server/mail/parse";
import { formatDateTime, pdfLocale } from "@/server/pdf/layout";
import { renderTicketsPdf, type TicketPdf } from "@/server/pdf/ticket";
import { deskName } from "@/server/services/settings";
import { readHistory } from "./history";
import { getTicket } from "./read";
import { describeHistory, stateLabel } from "./pdf-labels";

export type PdfFile = { filename: string; contentType: string; bytes: Uint8Array };
type T = ReturnType<typeof translatorFor>;

/**
 * A ticket as PDF for whoever asks: loaded through `getTicket`, so the same rules hold as on
 * screen (agents need `ro` on the queue, customers only their own tickets and never internal
 * articles); the history only for agents.
 */
export async function ticketPdfFile(db: Tx, actor: Actor, ticketId: number, opts: { history: boolean }): Promise<PdfFile> {
  const { language, deskName } = await readerSettings(db, actor);
  const ticket = await ticketForPdf(db, actor, ticketId, opts.history, translatorFor(language), language);
  const bytes = await renderTicketsPdf([ticket], { deskName, language, timeZone: actor.timeZone, title: translatorFor(language)("ticket.number", { number: ticket.number }) });
  return { filename: `ticket-${ticket.number}.pdf`, contentType: "application/pdf", bytes };
}

/**
 * Several tickets at once (the list's bulk selection): one PDF with every ticket, or a ZIP of one
 * PDF per ticket. All or nothing: a ticket outside the caller's reach refuses the whole request
 * (NOT_FOUND), so the answer tells nothing about which one.
 */
export async function ticketsPdfFile(db: Tx, actor: Actor, ticketIds: number[], opts: { history: boolean; format: "pdf" | "zip" }): Promise<PdfFile> {
  const { language, deskName } = await readerSettings(db, actor);
  const t = translatorFor(language);
  const tickets: TicketPdf[] = [];
  for (const id of ticketIds) tickets.push(await ticketForPdf(db, actor, id, opts.history, t, language));
  const stamp = new Date().toISOString().slice(0, 10);
  if (opts.format === "pdf") {
    const bytes = await renderTicketsPdf(tickets, { deskName, language, timeZone: actor.timeZone, title: t("pdf.ticket.bulkTitle", { count: tickets.length }) });
    return { filename: `tickets-${stamp}.pdf`, contentType: "application/pdf", bytes };
  }
  const files: Record<string, Uint8Array> = {};
  for (const ticket of tickets) {
    files[`ticket-${ticket.number}.pdf`] = await renderTicketsPdf([ticket], { deskName, language, timeZone: actor.timeZone, title: t("ticket.number", { number: ticket.number }) });
  }
  // PDFs are compressed already: stored, not deflated again.
  const bytes = zipSync(Object.keys(files).length ? files : { "README.txt": strToU8("") }, { level: 0 });
  return { filename: `tickets-${stamp}.zip`, contentType: "application/zip", bytes };
}

async function readerSettings(db: Tx, actor: Actor) {
  const language = await readerLanguage(db, actor.language);
  return { language, deskName: await deskName(db, language) };
}

async function ticketForPdf(db: Tx, actor: Actor, ticketId: number, withHistory: boolean, t: T, language: string): Promise<TicketPdf> {
  const detail = await getTicket(db, actor, ticketId);
  const agent = isAgent(actor);
  const { ticket } = detail;
  const locale = pdfLocale(language, actor.timeZone);
  const when = (d: Date) => formatDateTime(locale, d);
  const fields: TicketPdf["fields"] = [{ label: t("ticket.numberLabel"), value: ticket.number }];
  if (agent) {
    const company = ticket.customerCompanyId ? await companyName(db, ticket.customerCompanyId) : null;
    const none = t("common.none");
    fields.push(
      { label: t("ticket.state"), value: stateLabel(t, ticket.stateName) },
      { label: t("ticket.priority"), value: ticket.priorityLevel >= 1 && ticket.priorityLevel <= 5 ? t(`priorities.${ticket.priorityLevel}`) : ticket.priorityName },
      { label: t("ticket.queue"), value: ticket.queueName },
      { label: t("ticket.type"), value: ticket.typeName ?? none },
      { label: t("ticket.service"), value: ticket.serviceName ?? none },
      { label: t("ticket.customer"), value: ticket.customerUserId ? [ticket.customerName, ticket.customerEmail && `<${ticket.customerEmail}>`].filter(Boolean).join(" ") : t("ticket.noCustomer") },
      ...(company ? [{ label: t("ticket.company"), value: company }] : []),
      { label: t("ticket.owner"), value: ticket.ownerName ?? t("ticket.nobody") },
      { label: t("ticket.responsible"), value: ticket.responsibleName ?? t("ticket.nobody") },
      { label: t("ticket.lockStatus"), value: ticket.locked ? t("ticket.locked", { name: ticket.ownerName ?? "" }) : t("ticket.notLocked") },
      { label: t("ticket.created"), value: when(ticket.createdAt) },
      { label: t("ticket.lastChanged"), value: when(ticket.changedAt) },
      ...(ticket.pendingUntil ? [{ label: t("ticket.pendingUntil"), value: when(ticket.pendingUntil) }] : []),
      ...(ticket.escalationAt ? [{ label: t("pdf.ticket.escalationAt"), value: when(ticket.escalationAt) }] : []),
      ...(ticket.archived ? [{ label: t("pdf.ticket.archived"), value: t("common.yes") }] : []),
      ...(ticket.isInternal ? [{ label: t("ticket.internalTicket"), value: t("common.yes") }] : []),
    );
  } else {
    fields.push(
      { label: t("ticket.state"), value: t(`customerStates.${ticket.stateType}`) },
      { label: t("ticket.created"), value: when(ticket.createdAt) },
      { label: t("ticket.lastChanged"), value: when(ticket.changedAt) },
    );
  }
  const articles: TicketPdf["articles"] = detail.articles.map((a) => {
    const fromCustomer = a.senderType === "customer";
    const sender = agent ? (a.authorName ?? a.fromAddress ?? t(`ticket.sender.${a.senderType}`)) : fromCustomer ? (a.authorName ?? t("ticket.sender.customer")) : (a.authorName ?? t("ticket.sender.supportTeam"));
    return {
      sender,
      kind: agent ? `${t(`ticket.sender.${a.senderType}`)} · ${t(`ticket.channels.${a.channel}`)}` : null,
      internal: a.isInternal,
      createdAt: a.createdAt,
      from: agent ? a.fromAddress : null,
      to: agent ? a.toAddresses : null,
      subject: agent && a.subject && a.subject.trim() !== ticket.title.trim() ? a.subject : null,
      body: a.bodyText.trim() || (a.bodyHtml ? htmlToText(a.bodyHtml) : ""),
      attachments: a.attachments.filter((f) => !f.inline).map((f) => ({ filename: f.filename, size: f.size })),
    };
  });
  const history = agent && withHistory ? describeHistory(await readHistory(db, ticketId), t, when, dir(language)) : null;
  return { audience: agent ? "agent" : "customer", number: ticket.number, title: ticket.title, fields, articles, history };
}

async function companyName(db: Tx, id: number): Promise<string | null> {
  const [row] = await db.select({ name: customerCompanies.name }).from(customerCompanies).where(eq(customerCompanies.id, id)).limit(1);
  return row?.name ?? null;
}
