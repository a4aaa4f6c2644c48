import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FaqBrowser } from "@/app/_components/faq/faq-browser";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { faqEditorHere } from "@/server/services/faq/pages";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq");
  return { title: t("title") };
}

export default async function AgentFaqPage() {
  const actor = await requireActor("agent", "admin");
  const t = await getTranslations("faq");
  const editor = await faqEditorHere(actor);
  await prefetch(trpc.faq.categories.queryOptions());
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("title")} description={t("agentDescription")} actions={editor ? <Button href="/agent/faq/manage">{t("manageButton")}</Button> : undefined} />
      <HydrateClient>
        <FaqBrowser base="/agent/faq" />
      </HydrateClient>
    </div>
  );
}
