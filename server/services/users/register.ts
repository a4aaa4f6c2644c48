import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { awaitsConfirmation, consumeToken, inspectToken, issueToken, linkFor } from "@/server/auth/tokens";
import { AppError, fromDbError } from "@/server/errors";
import { locales } from "@/server/i18n/config";
import { newPassword } from "@/server/schemas/account";
import { getSetting } from "@/server/services/settings";
import { allowMailRequest, mailAlreadyRegistered, mailTokenLink } from "./account-mail";

export const registerInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(200),
  email: z.email("Enter a valid e-mail address").trim().max(254),
  password: newPassword,
  /** The language the sign-up page was shown in: the account's mails and pages stay in it. */
  language: z.enum(locales).optional(),
});

/**
 * Customer self-registration, per the admin's setting: open, approval required, or closed. The
 * account starts unconfirmed and a confirmation link is mailed in the same transaction; `status`
 * says what happens once the address is confirmed. With `address` (the client's), registrations
 * count against the mail-request throttle, since each one sends mail to an address of the
 * visitor's choosing.
 */
export async function registerCustomer(db: Db, raw: z.input<typeof registerInput>, opts: { address?: string } = {}): Promise<{ status: "active" | "pending_approval"; id: number | null }> {
  const input = registerInput.parse(raw);
  const mode = await getSetting(db, "auth.registration");
  if (mode === "closed") throw new AppError("FORBIDDEN", "errors.registrationClosed");
  if (opts.address && !(await allowMailRequest(db, input.email, opts.address))) {
    throw new AppError("RATE_LIMITED", "errors.tooManySignUps");
  }
  const status = mode === "open" ? ("active" as const) : ("pending_approval" as const);
  // Hashed before looking the address up, so a taken address costs the same time as a new one.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      if (await mailOwnerIfTaken(tx, input.email)) return { status, id: null };
      const [row] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email.toLowerCase(), role: "customer", passwordHash, approved: mode === "open", ...(input.language ? { language: input.language } : {}) })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!row) throw new Error("insert returned nothing");
      await sendConfirmation(tx, row);
      return { status, id: row.id };
    });
  } catch (error) {
    // Two registrations of one new address at once: the loser is answered like any taken address.
    const mapped = fromDbError(error);
    if (!(mapped instanceof AppError && mapped.code === "CONFLICT")) throw mapped;
    await db.transaction((tx) => mailOwnerIfTaken(tx, input.email));
    return { status, id: null };
  }
}

/**
 * Registration never says which addresses have accounts (agents' included): a taken address gets
 * the same answer as a new one, and its owner gets a mail pointing to sign-in and password reset.
 */
async function mailOwnerIfTaken(tx: Tx, email: string): Promise<boolean> {
  const [owner] = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  if (!owner) return false;
  await mailAlreadyRegistered(tx, owner);
  return true;
}

export type ConfirmResult = "confirmed" | "confirmed_pending" | "invalid";

/**
 * Confirms the address a link was mailed to. A link already used reads as success when the
 * address is confirmed: mail scanners often open links before the person does.
 */
export async function confirmEmail(db: Db, token: string): Promise<ConfirmResult> {
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, token, "confirm_email");
    if (used) {
      const [user] = await tx
        .update(users)
        .set({ emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())`, changedAt: new Date() })
        .where(eq(users.id, used.userId))
        .returning({ approved: users.approved });
      return user ? outcome(user.approved) : "invalid";
    }
    // Only a token that was used (not one replaced by a newer mail) may report success, and only
    // when the address really is confirmed.
    const seen = await inspectToken(tx, token, "confirm_email");
    if (seen.state !== "used") return "invalid";
    const [user] = await tx.select({ approved: users.approved, confirmedAt: users.emailConfirmedAt }).from(users).where(eq(users.id, seen.userId));
    return user?.confirmedAt ? outcome(user.approved) : "invalid";
  });
}

/** Mails a new confirmation link if the address belongs to an account still waiting for one. Same answer either way. */
export async function resendConfirmation(db: Db, email: string, address: string): Promise<"sent" | "rate_limited"> {
  if (!(await allowMailRequest(db, email, address))) return "rate_limited";
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(users.enabled, true)))
      .limit(1);
    if (user && (await awaitsConfirmation(tx, user.id))) await sendConfirmation(tx, user);
  });
  return "sent";
}

async function sendConfirmation(tx: Tx, user: { id: number; email: string; name: string }) {
  const token = await issueToken(tx, user.id, "confirm_email");
  await mailTokenLink(tx, user, "confirm_email", token, linkFor("/confirm", token));
}

const outcome = (approved: boolean): ConfirmResult => (approved ? "confirmed" : "confirmed_pending");
