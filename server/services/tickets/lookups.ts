import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { priorities, queues, states } from "@/db/schema";
import { AppError } from "@/server/errors";
import { cached } from "@/server/services/config-cache";

export async function stateByName(db: Tx, name: string) {
  const [row] = await cached(`state:${name}`, () => db.select().from(states).where(eq(states.name, name)).limit(1));
  if (!row) throw new AppError("INVALID_STATE", "errors.stateMissing", { name });
  return row;
}

export async function stateById(db: Tx, id: number) {
  const [row] = await db.select().from(states).where(and(eq(states.id, id), eq(states.valid, true))).limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.unknownState");
  return row;
}

export async function priorityById(db: Tx, id: number) {
  const [row] = await db.select().from(priorities).where(and(eq(priorities.id, id), eq(priorities.valid, true))).limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.unknownPriority");
  return row;
}

export async function defaultPriority(db: Tx) {
  const [row] = await cached("priority:default", () => db.select().from(priorities).where(eq(priorities.level, 3)).limit(1));
  if (!row) throw new AppError("INVALID_STATE", "errors.normalPriorityMissing");
  return row;
}

export async function queueById(db: Tx, id: number) {
  const [row] = await db.select().from(queues).where(and(eq(queues.id, id), eq(queues.valid, true))).limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.unknownQueue");
  return row;
}
