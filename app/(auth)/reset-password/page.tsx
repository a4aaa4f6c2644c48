import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { db } from "@/db";
import { resetLinkWorks } from "@/server/services/users/password-reset";
import { AuthCard } from "../auth-card";
import { ResetPasswordForm } from "./reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.reset");
  return { title: t("title") };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth");
  const works = typeof token === "string" && (await resetLinkWorks(db, token));
  return (
    <AuthCard
      title={t("reset.title")}
      description={t("reset.description")}
      footer={
        <Link href="/sign-in" className="font-medium text-accent-text hover:underline">
          {t("backToSignIn")}
        </Link>
      }
    >
      {works ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="space-y-5">
          <Alert tone="warning">{t("reset.invalid")}</Alert>
          <Button href="/forgot-password" variant="secondary" fullWidth>
            {t("reset.requestNew")}
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
