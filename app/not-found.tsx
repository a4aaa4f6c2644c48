import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LogoMark } from "@/app/_components/shell/brand";
import { Button } from "@/app/_components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("notFoundTitle") };
}

export default function NotFound() {
  const t = useTranslations("errors");
  return (
    <main id="main" tabIndex={-1} className="flex min-h-dvh items-center justify-center px-4 py-16 outline-none">
      <div className="flex max-w-md flex-col items-center text-center">
        <LogoMark className="mb-6" />
        <p className="text-sm font-semibold text-accent-text tabular-nums">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">{t("notFoundTitle")}</h1>
        <p className="mt-3 text-sm text-pretty text-fg-muted">{t("notFound")}</p>
        <Button href="/" className="mt-8">
          {t("goHome")}
        </Button>
      </div>
    </main>
  );
}
