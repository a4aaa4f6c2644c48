import { and, desc } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { translate } from "@/server/i18n/translate";
import type { exportInput, ticketListCsvInput } from "@/server/schemas/reports";
import { listTicketsInput } from "@/server/schemas/tickets";
import { selectListRows, ticketFilters } from "@/server/services/tickets/read";
import { visibleTickets } from "@/server/services/tickets/scope";
import { builtinReport } from "./builtin";
import { runBuilder } from "./builder";
import { reportCsv, toCsv } from "./csv";

/** The most rows one ticket-list export holds. */
export const TICKET_CSV_LIMIT = 10_000;

/** Any report as CSV (built-in: the current period). */
export async function exportReportCsv(db: Tx, actor: Actor, input: z.infer<typeof exportInput>) {
  const report = input.kind === "builtin" ? (await builtinReport(db, actor, { ...input.input, compare: false })).current : await runBuilder(db, actor, input.definition);
  return { filename: `${report.title.replace(/[^\p{L}\p{N}-]+/gu, "-")}.csv`, csv: reportCsv(report) };
}

/** The agent ticket list with the queue view's filters, as CSV (newest first, up to TICKET_CSV_LIMIT rows). */
export async function exportTicketListCsv(db: Tx, actor: Actor, raw: z.infer<typeof ticketListCsvInput>) {
  if (actor.role === "customer") throw new AppError("FORBIDDEN", "errors.forbidden");
  const input = listTicketsInput.parse({ ...raw, limit: 100 });
  const rows = await selectListRows(db)
    .where(and(visibleTickets(actor), ...ticketFilters(actor, input)))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(TICKET_CSV_LIMIT);
  const t = (k: string) => translate(actor.language, `reports.ticketCsv.${k}`);
  const header = ["number", "title", "queue", "state", "priority", "customer", "owner", "type", "service", "created", "changed"].map(t);
  const body = rows.map((r) => [r.number, r.title, r.queueName, r.stateName, r.priorityName, r.customerName ?? r.customerEmail, r.ownerName, r.typeName, r.serviceName, r.createdAt, r.changedAt]);
  return { filename: "tickets.csv", csv: toCsv(header, body), rows: body.length };
}
