import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/server/errors";

/** Finds a user by e-mail (case-insensitive) or creates a customer user without a password. */
export async function findOrCreateCustomer(db: Tx, email: string, name?: string, opts: { known?: false } = {}): Promise<{ id: number; role: "customer" | "agent" | "admin"; companyId: number | null; name: string }> {
  const normalized = email.trim().toLowerCase();
  // `known: false`: the caller has just looked the address up and found nobody.
  const [existing] = opts.known === false ? [] : await db
    .select({ id: users.id, role: users.role, companyId: users.companyId, name: users.name })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized))
    .limit(1);
  if (existing) {
    if (existing.role !== "customer") throw new AppError("BAD_INPUT", "errors.addressIsAgent");
    return existing;
  }
  const [created] = await db
    .insert(users)
    .values({ email: normalized, name: name?.trim() || normalized.split("@")[0] || normalized, role: "customer" })
    .onConflictDoNothing()
    .returning({ id: users.id, role: users.role, companyId: users.companyId, name: users.name });
  if (created) return created;
  // Lost a race with a concurrent insert of the same address: read the winner.
  return findOrCreateCustomer(db, email, name);
}
