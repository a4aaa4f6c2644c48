import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { autoResponses, autoResponseTexts, salutations, signatures, templates } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { fillPlaceholders, subjectWithHook } from "@/server/mail/compose";
import {
  byId,
  createAutoResponseInput,
  createSnippetInput,
  createTemplateInput,
  listInput,
  PLACEHOLDERS,
  previewInput,
  setValidInput,
  updateAutoResponseInput,
  updateSnippetInput,
  updateTemplateInput,
} from "@/server/schemas/admin-config";
import { getSetting } from "@/server/services/settings";
import { formatTicketNumber } from "@/server/services/tickets/number";
import { byName, listWhere, lockById, namePage, setValidity, deleteUnused } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

// Placeholder preview ---------------------------------------------------------------------

/**
 * A text as a customer would get it, with sample values (and the admin's own name as the
 * agent), the same way outgoing mail fills it; placeholders the desk does not know are listed.
 */
export async function preview(db: Tx, actor: Actor, raw: z.input<typeof previewInput>) {
  const input = previewInput.parse(raw);
  const [hook, systemId] = await Promise.all([getSetting(db, "ticket.hook"), getSetting(db, "ticket.system_id")]);
  const number = formatTicketNumber(new Date().toISOString().slice(0, 10), systemId, 1);
  const vars = { CUSTOMER_NAME: "Carla Customer", TICKET_NUMBER: number, TICKET_TITLE: "The printer on the 2nd floor does not print", AGENT_NAME: actor.name, QUEUE_NAME: "Support" };
  const used = `${input.subject ?? ""}\n${input.body}`.match(/<([A-Z_]+)>/g) ?? [];
  const unknown = [...new Set(used.map((p) => p.slice(1, -1)).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p)))];
  const subject = input.subject === undefined ? null : fillPlaceholders(input.subject, vars);
  return {
    subject: subject !== null && input.withHook ? subjectWithHook(hook, number, subject, "") : subject,
    body: fillPlaceholders(input.body, vars),
    unknown,
    values: vars,
  };
}

// Templates -------------------------------------------------------------------------------

const TEMPLATE_TAKEN = "errors.templateNameTaken";

export async function listTemplates(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({ id: templates.id, name: templates.name, kinds: templates.kinds, subject: templates.subject, body: templates.body, valid: templates.valid })
    .from(templates)
    .where(and(...listWhere(input, { name: templates.name, id: templates.id, valid: templates.valid, search: [templates.name, templates.subject, templates.body] })))
    .orderBy(byName(templates.name), asc(templates.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function createTemplate(db: Tx, actor: Actor, raw: z.input<typeof createTemplateInput>) {
  const input = createTemplateInput.parse(raw);
  return adminChange(db, { taken: TEMPLATE_TAKEN, config: true }, async (tx) => {
    const [row] = await tx.insert(templates).values(input).returning({ id: templates.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "template", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateTemplate(db: Tx, actor: Actor, raw: z.input<typeof updateTemplateInput>) {
  const input = updateTemplateInput.parse(raw);
  return adminChange(db, { taken: TEMPLATE_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, templates, input.id, "Template");
    const { id, ...fields } = input;
    const diff = changedOnly({ name: current.name, kinds: current.kinds, subject: current.subject, body: current.body }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(templates)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(templates.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "template", entityId: id, ...diff });
    return { id };
  });
}

export function setTemplateValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: templates, ...setValidInput.parse(raw), entity: "template", what: "Template" });
}

/** Templates are copied into the text when used; nothing keeps a reference, so they can always go. */
export function deleteTemplate(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, { table: templates, id, entity: "template", what: "Template", label: (row) => `The template “${row.name}”`, uses: () => [] });
}

// Signatures and salutations (same shape, each used by queues) ----------------------------

type SnippetKind = "signature" | "salutation";
// Both tables have exactly the same columns; one typed handle serves both.
const snippetTable = (kind: SnippetKind) => (kind === "signature" ? signatures : (salutations as unknown as typeof signatures));
const snippetWhat = (kind: SnippetKind) => (kind === "signature" ? "Signature" : "Salutation");
const snippetColumn = (kind: SnippetKind) => (kind === "signature" ? sql`signature_id` : sql`salutation_id`);
const snippetTaken = (kind: SnippetKind) => (kind === "signature" ? "errors.signatureNameTaken" : "errors.salutationNameTaken");

export async function listSnippets(db: Tx, kind: SnippetKind, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const table = snippetTable(kind);
  const rows = await db
    .select({
      id: table.id,
      name: table.name,
      body: table.body,
      valid: table.valid,
      // Spelled out: drizzle leaves columns unqualified in single-table selects, which would bind them to the subquery.
      queueCount: sql<number>`(select count(*) from queues q where q.${snippetColumn(kind)} = ${sql.identifier(`${kind}s`)}.id)::int`,
    })
    .from(table)
    .where(and(...listWhere(input, { name: table.name, id: table.id, valid: table.valid, search: [table.name, table.body] })))
    .orderBy(byName(table.name), asc(table.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function createSnippet(db: Tx, actor: Actor, kind: SnippetKind, raw: z.input<typeof createSnippetInput>) {
  const input = createSnippetInput.parse(raw);
  const table = snippetTable(kind);
  return adminChange(db, { taken: snippetTaken(kind), config: true }, async (tx) => {
    const [row] = await tx.insert(table).values(input).returning({ id: table.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: kind, entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateSnippet(db: Tx, actor: Actor, kind: SnippetKind, raw: z.input<typeof updateSnippetInput>) {
  const input = updateSnippetInput.parse(raw);
  const table = snippetTable(kind);
  return adminChange(db, { taken: snippetTaken(kind), config: true }, async (tx) => {
    const current = await lockById(tx, table, input.id, snippetWhat(kind));
    const { id, ...fields } = input;
    const diff = changedOnly({ name: current.name, body: current.body }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(table)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(table.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: kind, entityId: id, ...diff });
    return { id };
  });
}

export function setSnippetValid(db: Tx, actor: Actor, kind: SnippetKind, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: snippetTable(kind), ...setValidInput.parse(raw), entity: kind, what: snippetWhat(kind) });
}

export function deleteSnippet(db: Tx, actor: Actor, kind: SnippetKind, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: snippetTable(kind),
    id,
    entity: kind,
    what: snippetWhat(kind),
    label: (row) => `The ${kind} “${row.name}”`,
    uses: () => [{ query: sql`select count(*) from queues where ${snippetColumn(kind)} = ${id}`, one: "queue", many: "queues" }],
  });
}

// Auto-responses (texts per language) -----------------------------------------------------

const AUTO_TAKEN = "errors.autoResponseNameTaken";

export async function listAutoResponses(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({
      id: autoResponses.id,
      name: autoResponses.name,
      type: autoResponses.type,
      valid: autoResponses.valid,
      languages: sql<string[]>`coalesce((select array_agg(t.language order by t.language) from auto_response_texts t where t.auto_response_id = auto_responses.id), '{}')`,
      queueCount: sql<number>`(select count(distinct qa.queue_id) from queue_auto_responses qa where qa.auto_response_id = auto_responses.id)::int`,
    })
    .from(autoResponses)
    .where(and(...listWhere(input, { name: autoResponses.name, id: autoResponses.id, valid: autoResponses.valid, search: [autoResponses.name] })))
    .orderBy(byName(autoResponses.name), asc(autoResponses.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function getAutoResponse(db: Tx, id: number) {
  const [row] = await db.select({ id: autoResponses.id, name: autoResponses.name, type: autoResponses.type, valid: autoResponses.valid }).from(autoResponses).where(eq(autoResponses.id, id)).limit(1);
  if (!row) throw notFoundAuto();
  const texts = await db
    .select({ language: autoResponseTexts.language, subject: autoResponseTexts.subject, body: autoResponseTexts.body })
    .from(autoResponseTexts)
    .where(eq(autoResponseTexts.autoResponseId, id))
    .orderBy(asc(autoResponseTexts.language));
  return { ...row, texts };
}

export async function createAutoResponse(db: Tx, actor: Actor, raw: z.input<typeof createAutoResponseInput>) {
  const input = createAutoResponseInput.parse(raw);
  return adminChange(db, { taken: AUTO_TAKEN, config: true }, async (tx) => {
    const [row] = await tx.insert(autoResponses).values({ name: input.name, type: input.type }).returning({ id: autoResponses.id });
    await tx.insert(autoResponseTexts).values(input.texts.map((t) => ({ ...t, autoResponseId: row!.id })));
    await audit(tx, { actorId: actor.id, action: "create", entity: "auto_response", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateAutoResponse(db: Tx, actor: Actor, raw: z.input<typeof updateAutoResponseInput>) {
  const input = updateAutoResponseInput.parse(raw);
  return adminChange(db, { taken: AUTO_TAKEN, config: true }, async (tx) => {
    await lockById(tx, autoResponses, input.id, "Auto-response");
    const before = await getAutoResponse(tx, input.id);
    const { id, ...fields } = input;
    if (fields.type !== before.type) {
      const [linked] = await tx.execute(sql`select 1 from queue_auto_responses where auto_response_id = ${id} limit 1`);
      if (linked) throw new AppError("CONFLICT", "errors.autoResponseTypeInUse");
    }
    const sortTexts = (texts: { language: string; subject: string; body: string }[]) => [...texts].sort((a, b) => a.language.localeCompare(b.language));
    const diff = changedOnly({ name: before.name, type: before.type, texts: sortTexts(before.texts) }, { ...fields, texts: sortTexts(fields.texts) });
    if (Object.keys(diff.after).length === 0) return { id };
    await tx.update(autoResponses).set({ name: fields.name, type: fields.type, changedAt: new Date() }).where(eq(autoResponses.id, id));
    await tx.delete(autoResponseTexts).where(eq(autoResponseTexts.autoResponseId, id));
    await tx.insert(autoResponseTexts).values(fields.texts.map((t) => ({ ...t, autoResponseId: id })));
    await audit(tx, { actorId: actor.id, action: "update", entity: "auto_response", entityId: id, ...diff });
    return { id };
  });
}

export function setAutoResponseValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: autoResponses, ...setValidInput.parse(raw), entity: "auto_response", what: "Auto-response" });
}

export function deleteAutoResponse(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: autoResponses,
    id,
    entity: "auto_response",
    what: "Auto-response",
    label: (row) => `The auto-response “${row.name}”`,
    uses: () => [{ query: sql`select count(distinct queue_id) from queue_auto_responses where auto_response_id = ${id}`, one: "queue", many: "queues" }],
  });
}

const notFoundAuto = () => new AppError("NOT_FOUND", "errors.notFoundAutoResponse");
