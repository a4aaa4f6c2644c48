import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { AuthCard } from "../../auth-card";
import { LinkSignInForm } from "./link-sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.link");
  return { title: t("title") };
}

/**
 * Where a mailed sign-in link lands. Opening it does not sign in: the visitor presses a button
 * (a POST), so a mail scanner that fetches the link cannot use it up before the person does.
 */
export default async function LinkSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("link.title")} description={t("link.description")}>
      {typeof token === "string" && token ? (
        <LinkSignInForm token={token} />
      ) : (
        <div className="space-y-5">
          <Alert tone="warning">{t("link.missing")}</Alert>
          <Button href="/sign-in" variant="secondary" fullWidth>
            {t("backToSignIn")}
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
