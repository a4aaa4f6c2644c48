"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { signIn } from "@/server/auth";
import { requestClientAddress } from "@/server/auth/client-address";
import { currentActor } from "@/server/auth/session";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/server/schemas/account";
import { changePassword } from "@/server/services/users/profile";

export type PasswordField = "current" | "next" | "confirm";
export type PasswordState = { error?: string; fieldErrors?: Partial<Record<PasswordField, string>> };

/** Profile pages that may receive the user back after a password change. */
const RETURN_PATHS = new Set(["/portal/profile", "/agent/profile"]);

/**
 * Changes the password, which ends every session of the account (this one too), then signs this
 * browser in again with the new password: a fresh session carrying the new session version.
 */
export async function changePasswordAction(_prev: PasswordState, formData: FormData): Promise<PasswordState> {
  const actor = await currentActor();
  if (!actor) redirect("/session-ended");
  const t = await getTranslations("profile.password");
  const tAuth = await getTranslations("auth");
  const current = text(formData, "current");
  const next = text(formData, "next");
  const hasPassword = text(formData, "hasPassword") === "1";
  const returnTo = RETURN_PATHS.has(text(formData, "returnTo")) ? text(formData, "returnTo") : "/";

  const fieldErrors: PasswordState["fieldErrors"] = {};
  if (hasPassword && !current) fieldErrors.current = t("currentRequired");
  if (next.length < PASSWORD_MIN) fieldErrors.next = tAuth("validation.passwordTooShort");
  else if (next.length > PASSWORD_MAX) fieldErrors.next = tAuth("validation.passwordTooLong");
  else if (text(formData, "confirm") !== next) fieldErrors.confirm = tAuth("validation.passwordMismatch");
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors };

  const result = await changePassword(db, actor, { current, next }, await requestClientAddress());
  if (!result.ok) {
    return result.reason === "rate_limited" ? { error: tAuth("rateLimited") } : { fieldErrors: { current: t("wrongCurrent") } };
  }
  try {
    await signIn("credentials", { email: result.email, password: next, redirectTo: `${returnTo}?password=changed` });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in?reason=password_reset");
    throw error;
  }
  return {};
}

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}
