import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireFaqEditorPage } from "@/app/_components/faq/require-editor";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { ArticlesView } from "./articles-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq.manage");
  return { title: t("title") };
}

export default async function FaqManagePage() {
  await requireFaqEditorPage();
  const t = await getTranslations("faq.manage");
  await Promise.all([prefetch(trpc.faqEditor.articleList.infiniteQueryOptions(adminListInput("", "all"), nextPage)), prefetch(trpc.faqEditor.categoryList.queryOptions({ limit: 100 }))]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<Button href="/agent/faq/manage/categories" variant="secondary">{t("categories")}</Button>} />
      <HydrateClient>
        <ArticlesView />
      </HydrateClient>
    </>
  );
}
