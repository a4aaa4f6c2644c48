import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireFaqEditorPage } from "@/app/_components/faq/require-editor";
import { BackIcon } from "@/app/_components/tickets/icons";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { CategoriesView } from "./categories-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq.categoriesAdmin");
  return { title: t("title") };
}

export default async function FaqCategoriesPage() {
  await requireFaqEditorPage();
  const t = await getTranslations("faq");
  await prefetch(trpc.faqEditor.categoryList.infiniteQueryOptions(adminListInput("", "all"), nextPage));
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/agent/faq/manage" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("manage.title")}
          </Link>
        }
        title={t("categoriesAdmin.title")}
        description={t("categoriesAdmin.description")}
      />
      <HydrateClient>
        <CategoriesView />
      </HydrateClient>
    </>
  );
}
