import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FaqBrowser } from "@/app/_components/faq/faq-browser";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq");
  return { title: t("title") };
}

export default async function PortalFaqPage() {
  await requireActor("customer");
  const t = await getTranslations("faq");
  await prefetch(trpc.faq.categories.queryOptions());
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title")} description={t("portalDescription")} />
      <HydrateClient>
        <FaqBrowser base="/portal/faq" />
      </HydrateClient>
    </div>
  );
}
