import { eq } from "drizzle-orm";
import { db } from "@/db";
import { savedSearches, tickets, users } from "@/db/schema";

type UserRow = typeof users.$inferSelect;

export async function createSavedSearchRow(userId: number, values: Partial<typeof savedSearches.$inferInsert> = {}) {
  const [row] = await db.insert(savedSearches).values({ userId, name: `Search ${Math.random().toString(36).slice(2, 8)}`, filters: { stateTypes: ["open"] }, ...values }).returning();
  return row!;
}

/** A matrix case on a saved search the caller itself created (prepare runs per caller). */
export function onOwnSavedSearch(build: (id: number) => unknown) {
  let id = 0;
  return {
    prepare: async (c: { user: UserRow }) => {
      id = (await createSavedSearchRow(c.user.id)).id;
    },
    build: () => build(id),
  };
}

export async function setTicket(id: number, values: Partial<typeof tickets.$inferInsert>) {
  await db.update(tickets).set(values).where(eq(tickets.id, id));
}
