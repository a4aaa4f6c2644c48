import type { Db } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { AppError, fromDbError } from "@/server/errors";
import { getSetting } from "@/server/services/settings";
import { z } from "zod";

export const registerInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(200),
  email: z.email("Enter a valid e-mail address").trim().max(254),
  password: z.string().min(8, "Use at least 8 characters").max(200),
});

/** Customer self-registration, per the admin's setting: open, approval required, or closed. */
export async function registerCustomer(db: Db, raw: z.input<typeof registerInput>): Promise<{ status: "active" | "pending_approval"; id: number }> {
  const input = registerInput.parse(raw);
  const mode = await getSetting(db, "auth.registration");
  if (mode === "closed") throw new AppError("FORBIDDEN", "Registration is closed. Please contact the help desk.");
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ name: input.name, email: input.email.toLowerCase(), role: "customer", passwordHash, approved: mode === "open" })
      .returning({ id: users.id });
    if (!row) throw new Error("insert returned nothing");
    return { status: mode === "open" ? "active" : "pending_approval", id: row.id };
  } catch (error) {
    throw fromDbError(error, "An account with this e-mail address already exists. Sign in or reset your password.");
  }
}
