import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { groups, notificationRules, queues, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { byId, createNotificationRuleInput, listInput, setValidInput, updateNotificationRuleInput } from "@/server/schemas/admin-config";
import { adminChange, audit, changedOnly } from "./audit";
import { byName, deleteUnused, listWhere, lockById, namePage, setValidity } from "./config";

const TAKEN = { taken: "errors.notificationRuleNameTaken", config: true } as const;

/** Which events notify whom, by which channel, for which queues. */
export async function listNotificationRules(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({
      id: notificationRules.id,
      name: notificationRules.name,
      event: notificationRules.event,
      recipients: notificationRules.recipients,
      channels: notificationRules.channels,
      queueIds: notificationRules.queueIds,
      valid: notificationRules.valid,
    })
    .from(notificationRules)
    .where(and(...listWhere(input, { name: notificationRules.name, id: notificationRules.id, valid: notificationRules.valid, search: [notificationRules.name, notificationRules.event] })))
    .orderBy(byName(notificationRules.name), asc(notificationRules.id))
    .limit(input.limit + 1);
  const result = namePage(rows, input.limit);
  // Names for the queues and agents the page shows, in one query each.
  const queueIds = [...new Set(result.items.flatMap((r) => r.queueIds ?? []))];
  const userIds = [...new Set(result.items.flatMap((r) => r.recipients.userIds ?? []))];
  const groupIds = [...new Set(result.items.flatMap((r) => r.recipients.groupIds ?? []))];
  const [queueNames, userNames, groupNames] = await Promise.all([
    queueIds.length ? db.select({ id: queues.id, name: queues.name }).from(queues).where(inArray(queues.id, queueIds)) : [],
    userIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
    groupIds.length ? db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, groupIds)) : [],
  ]);
  return {
    ...result,
    items: result.items.map((r) => ({
      ...r,
      queues: (r.queueIds ?? []).map((id) => ({ id, name: queueNames.find((q) => q.id === id)?.name ?? `#${id}` })),
      agents: (r.recipients.userIds ?? []).map((id) => ({ id, name: userNames.find((u) => u.id === id)?.name ?? `#${id}` })),
      groups: (r.recipients.groupIds ?? []).map((id) => ({ id, name: groupNames.find((g) => g.id === id)?.name ?? `#${id}` })),
    })),
  };
}

export async function createNotificationRule(db: Tx, actor: Actor, raw: z.input<typeof createNotificationRuleInput>) {
  const input = createNotificationRuleInput.parse(raw);
  return adminChange(db, TAKEN, async (tx) => {
    await checkReferences(tx, input);
    const [row] = await tx.insert(notificationRules).values(input).returning({ id: notificationRules.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "notification_rule", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateNotificationRule(db: Tx, actor: Actor, raw: z.input<typeof updateNotificationRuleInput>) {
  const input = updateNotificationRuleInput.parse(raw);
  return adminChange(db, TAKEN, async (tx) => {
    const current = await lockById(tx, notificationRules, input.id, "Notification rule");
    const { id, ...fields } = input;
    await checkReferences(tx, fields);
    const diff = changedOnly<Record<string, unknown>>({ name: current.name, event: current.event, recipients: current.recipients, channels: current.channels, queueIds: current.queueIds }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(notificationRules)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(notificationRules.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "notification_rule", entityId: id, ...diff });
    return { id };
  });
}

export function setNotificationRuleValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: notificationRules, ...setValidInput.parse(raw), entity: "notification_rule", what: "Notification rule" });
}

/** Nothing refers to a rule; deleting one only stops its notifications. */
export function deleteNotificationRule(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, { table: notificationRules, id, entity: "notification_rule", what: "Notification rule", label: (row) => `The rule “${row.name}”`, uses: () => [] });
}

async function checkReferences(tx: Tx, input: z.output<typeof createNotificationRuleInput>) {
  if (input.queueIds?.length) {
    const found = await tx.select({ id: queues.id }).from(queues).where(inArray(queues.id, input.queueIds));
    if (found.length !== input.queueIds.length) throw new AppError("BAD_INPUT", "errors.notificationQueuesGone");
  }
  if (input.recipients.groupIds.length) {
    const found = await tx.select({ id: groups.id }).from(groups).where(inArray(groups.id, input.recipients.groupIds));
    if (found.length !== input.recipients.groupIds.length) throw new AppError("BAD_INPUT", "errors.notificationGroupGone");
  }
  if (input.recipients.userIds.length) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, input.recipients.userIds), inArray(users.role, ["agent", "admin"])));
    if (found.length !== input.recipients.userIds.length) throw new AppError("BAD_INPUT", "errors.notificationAgentsOnly");
  }
}
