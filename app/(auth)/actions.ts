"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z, ZodError } from "zod";
import { db } from "@/db";
import { signIn, signOut } from "@/server/auth";
import { requestClientAddress } from "@/server/auth/client-address";
import { currentActor } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/server/schemas/account";
import { requestPasswordReset, resetPassword } from "@/server/services/users/password-reset";
import { registerCustomer, resendConfirmation } from "@/server/services/users/register";
import { endSessions } from "@/server/services/users/sessions";
import { requestSignInLink } from "@/server/services/users/sign-in-link";

export type SignInField = "email" | "password";
export type SignInState = {
  error?: string;
  /** A success message (a link or confirmation mail is on its way). */
  notice?: string;
  /** The password was right but the address is not confirmed: the form offers to resend. */
  unconfirmed?: boolean;
  fieldErrors?: Partial<Record<SignInField, string>>;
  email?: string;
};

export type RegisterField = "name" | "email" | "password" | "confirm";
export type RegisterState = {
  error?: string;
  fieldErrors?: Partial<Record<RegisterField, string>>;
  values?: { name: string; email: string };
  /** Set once the account exists: the form shows "check your e-mail" (and whether approval follows). */
  checkMail?: { email: string; approval: boolean };
};

export type EmailFormState = { error?: string; fieldError?: string; notice?: string; email?: string };
export type PasswordField = "password" | "confirm";
export type ResetState = { error?: string; fieldErrors?: Partial<Record<PasswordField, string>>; invalidLink?: boolean };
export type LinkState = { error?: string };

/**
 * The sign-in form has three buttons sharing its e-mail field: sign in with the password,
 * e-mail a sign-in link, or (after "unconfirmed") resend the confirmation mail.
 */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations("auth");
  const email = text(formData, "email").trim();
  const password = text(formData, "password");
  const intent = text(formData, "intent");
  const redirectTo = safeRedirect(formData.get("callbackUrl"));

  if (intent === "link" || intent === "resend") {
    if (!isEmail(email)) return { fieldErrors: { email: t("validation.emailInvalid") }, email };
    const address = await requestClientAddress();
    const result = intent === "link" ? await requestSignInLink(db, email, address) : await resendConfirmation(db, email, address);
    if (result === "rate_limited") return { error: t("mailRateLimited"), email };
    return { notice: t(intent === "link" ? "signIn.linkSent" : "signIn.confirmationSent", { email }), email };
  }

  const fieldErrors: SignInState["fieldErrors"] = {};
  if (!email) fieldErrors.email = t("validation.emailInvalid");
  if (!password) fieldErrors.password = t("validation.passwordRequired");
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, email };

  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must propagate.
    if (error instanceof AuthError) {
      const code = refusalCode(error);
      return { error: await signInFailure(error), unconfirmed: code === "unconfirmed", email };
    }
    throw error;
  }
  return { email };
}

/** Signs in with the token of a mailed link (the page asks for a click, so mail scanners cannot use it up). */
export async function signInWithLinkAction(_prev: LinkState, formData: FormData): Promise<LinkState> {
  const token = text(formData, "token");
  try {
    await signIn("email-link", { token, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) return { error: await signInFailure(error) };
    throw error;
  }
  return {};
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
  if (!isEmail(email)) fieldErrors.email = t("validation.emailInvalid");
  const passwordError = passwordProblem(password, confirm, t);
  if (passwordError) fieldErrors[passwordError.field] = passwordError.message;
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, values };

  try {
    const { status } = await registerCustomer(db, { name, email, password, language: await getLocale() }, { address: await requestClientAddress() });
    return { checkMail: { email, approval: status === "pending_approval" } };
  } catch (error) {
    if (error instanceof AppError) {
      switch (error.code) {
        case "FORBIDDEN":
          return { error: t("registrationClosed"), values };
        case "RATE_LIMITED":
          return { error: tErrors("rateLimited"), values };
        default:
          return { error: error.in(await getLocale()), values };
      }
    }
    if (error instanceof ZodError) return { error: tErrors("validation"), values };
    throw error;
  }
}

export async function forgotPasswordAction(_prev: EmailFormState, formData: FormData): Promise<EmailFormState> {
  const t = await getTranslations("auth");
  const email = text(formData, "email").trim();
  if (!isEmail(email)) return { fieldError: t("validation.emailInvalid"), email };
  const result = await requestPasswordReset(db, email, await requestClientAddress());
  if (result === "rate_limited") return { error: t("mailRateLimited"), email };
  return { notice: t("forgot.sent", { email }), email };
}

/** Sets the new password from a reset link, then signs this browser in with it. */
export async function resetPasswordAction(_prev: ResetState, formData: FormData): Promise<ResetState> {
  const t = await getTranslations("auth");
  const token = text(formData, "token");
  const password = text(formData, "password");
  const problem = passwordProblem(password, text(formData, "confirm"), t);
  if (problem) return { fieldErrors: { [problem.field]: problem.message } };

  const result = await resetPassword(db, token, password);
  if (!result.ok) return { error: t("reset.invalid"), invalidLink: true };
  try {
    await signIn("credentials", { email: result.email, password, redirectTo: "/" });
  } catch (error) {
    // The password is set; if the account may not sign in yet, the sign-in page says why.
    if (error instanceof AuthError) redirect("/sign-in?reason=password_reset");
    throw error;
  }
  return {};
}

export async function signOutAction() {
  // Signing out ends the session for good: the cookie, if kept or copied, no longer works.
  const actor = await currentActor();
  if (actor) await endSessions(db, actor.id);
  await signOut({ redirectTo: "/sign-in?reason=signed_out" });
}

type AuthT = Awaited<ReturnType<typeof getTranslations<"auth">>>;

function passwordProblem(password: string, confirm: string, t: AuthT): { field: PasswordField; message: string } | null {
  if (password.length < PASSWORD_MIN) return { field: "password", message: t("validation.passwordTooShort") };
  if (password.length > PASSWORD_MAX) return { field: "password", message: t("validation.passwordTooLong") };
  if (confirm !== password) return { field: "confirm", message: t("validation.passwordMismatch") };
  return null;
}

function refusalCode(error: AuthError): string | undefined {
  return error.type === "CredentialsSignin" ? (error as CredentialsSignin).code : undefined;
}

async function signInFailure(error: AuthError): Promise<string> {
  const t = await getTranslations("auth");
  if (error.type !== "CredentialsSignin") return (await getTranslations("errors"))("generic");
  switch (refusalCode(error)) {
    case "rate_limited":
      return t("rateLimited");
    case "disabled":
      return t("disabled");
    case "unconfirmed":
      return t("unconfirmed");
    case "unapproved":
      return t("unapproved");
    case "link_invalid":
      return t("link.invalid");
    default:
      return t("invalid");
  }
}

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  // A NUL cannot be stored; such a field reads as empty and fails validation with its own message.
  return typeof value === "string" && !value.includes("\u0000") ? value : "";
}

const isEmail = (value: string) => value.length <= 254 && z.email().safeParse(value).success;

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
