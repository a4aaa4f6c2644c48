import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, type AlertTone } from "@/app/_components/ui/alert";
import { auth } from "@/server/auth";
import { AuthCard } from "../auth-card";
import { SignInForm } from "./sign-in-form";

const reasonTones = {
  signed_out: "success",
  session_ended: "info",
  session_expired: "info",
  signin_required: "info",
  unapproved: "warning",
  disabled: "danger",
  forbidden: "warning",
  confirmed: "success",
  confirmed_pending: "info",
  link_invalid: "warning",
  password_reset: "success",
} as const satisfies Record<string, AlertTone>;

type Reason = keyof typeof reasonTones;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const session = await auth();
  if (session?.user) redirect("/");

  const t = await getTranslations("auth");
  const reason = first(params.reason);
  const known = reason && reason in reasonTones ? (reason as Reason) : undefined;
  const callbackUrl = first(params.callbackUrl) ?? first(params.next);

  return (
    <AuthCard
      title={t("signIn.title")}
      description={t("signIn.description")}
      footer={
        <>
          {t("signIn.noAccount")}{" "}
          <Link href="/register" className="font-medium text-accent-text hover:underline">
            {t("signIn.registerLink")}
          </Link>
        </>
      }
    >
      {known && (
        <Alert tone={reasonTones[known]} className="mb-5">
          {t(`reasons.${known}`)}
        </Alert>
      )}
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
