import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { groups, roles } from "@/db/schema";

export const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@test.example`;

/** A role without members or permissions. */
export async function createBareRole(values: Partial<typeof roles.$inferInsert> = {}) {
  const [row] = await db.insert(roles).values({ name: uniqueName("role"), ...values }).returning();
  return row!;
}

/**
 * For permission-matrix rows that change a record: `prepare` makes a fresh one (before the
 * table counts are taken), `build` turns it into the call's input.
 */
export function onFresh<T>(make: () => Promise<T>, build: (made: T) => unknown): { prepare: () => Promise<void>; build: () => unknown } {
  let made: T | undefined;
  return {
    prepare: async () => {
      made = await make();
    },
    build: () => {
      if (made === undefined) throw new Error("onFresh: prepare did not run");
      return build(made);
    },
  };
}

/** A group with nothing in it, by direct insert (no audit row). */
export async function createBareGroup() {
  const [row] = await db.insert(groups).values({ name: uniqueName("group") }).returning();
  return row!;
}
