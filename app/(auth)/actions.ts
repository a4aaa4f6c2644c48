"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z, ZodError } from "zod";
import { db } from "@/db";
import { signIn, signOut } from "@/server/auth";
import { AppError } from "@/server/errors";
import { registerCustomer } from "@/server/services/users/register";

export type SignInField = "email" | "password";
export type SignInState = {
  error?: string;
  fieldErrors?: Partial<Record<SignInField, string>>;
  email?: string;
};

export type RegisterField = "name" | "email" | "password" | "confirm";
export type RegisterState = {
  error?: string;
  fieldErrors?: Partial<Record<RegisterField, string>>;
  values?: { name: string; email: string };
  /** Set when the account waits for an admin; the form shows a success panel. */
  pendingApproval?: { email: string };
};

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations("auth");
  const email = text(formData, "email").trim();
  const password = text(formData, "password");
  const redirectTo = safeRedirect(formData.get("callbackUrl"));

  const fieldErrors: SignInState["fieldErrors"] = {};
  if (!email) fieldErrors.email = t("validation.emailInvalid");
  if (!password) fieldErrors.password = t("validation.passwordRequired");
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, email };

  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must propagate.
    if (error instanceof AuthError) return { error: await signInFailure(error), email };
    throw error;
  }
  return { email };
}

export async function registerAction(_prev: RegisterState, formData: FormData): Promise<RegisterState> {
  const t = await getTranslations("auth");
  const tErrors = await getTranslations("errors");
  const name = text(formData, "name").trim();
  const email = text(formData, "email").trim();
  const password = text(formData, "password");
  const confirm = text(formData, "confirm");
  const values = { name, email };

  const fieldErrors: RegisterState["fieldErrors"] = {};
  if (!name || name.length > 200) fieldErrors.name = t("validation.nameRequired");
  if (email.length > 254 || !z.email().safeParse(email).success) fieldErrors.email = t("validation.emailInvalid");
  if (password.length < 8) fieldErrors.password = t("validation.passwordTooShort");
  else if (password.length > 200) fieldErrors.password = t("validation.passwordTooLong");
  if (!fieldErrors.password && confirm !== password) fieldErrors.confirm = t("validation.passwordMismatch");
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, values };

  let status: "active" | "pending_approval";
  try {
    ({ status } = await registerCustomer(db, { name, email, password }));
  } catch (error) {
    if (error instanceof AppError) {
      switch (error.code) {
        case "CONFLICT":
          return { fieldErrors: { email: t("emailTaken") }, values };
        case "FORBIDDEN":
          return { error: t("registrationClosed"), values };
        case "RATE_LIMITED":
          return { error: tErrors("rateLimited"), values };
        default:
          return { error: error.message, values };
      }
    }
    if (error instanceof ZodError) return { error: tErrors("validation"), values };
    throw error;
  }

  if (status === "pending_approval") return { pendingApproval: { email } };

  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    // The account exists; if signing in fails now, let the user do it by hand.
    if (error instanceof AuthError) redirect("/sign-in");
    throw error;
  }
  return {};
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in?reason=signed_out" });
}

async function signInFailure(error: AuthError): Promise<string> {
  const t = await getTranslations("auth");
  if (error.type !== "CredentialsSignin") return (await getTranslations("errors"))("generic");
  switch ((error as CredentialsSignin).code) {
    case "rate_limited":
      return t("rateLimited");
    case "disabled":
      return t("disabled");
    case "unapproved":
      return t("unapproved");
    default:
      return t("invalid");
  }
}

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/**
 * Keeps only the path of the callback (Auth.js may hand us an absolute URL),
 * so a crafted link cannot bounce users to another site after sign-in.
 */
function safeRedirect(value: FormDataEntryValue | null): string {
  if (typeof value !== "string" || value === "") return "/";
  let path: string;
  try {
    const url = new URL(value, "http://internal");
    path = `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  if (path.startsWith("/sign-in") || path.startsWith("/register")) return "/";
  return path;
}
