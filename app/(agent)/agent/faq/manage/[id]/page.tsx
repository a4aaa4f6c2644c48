import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireFaqEditorPage } from "@/app/_components/faq/require-editor";
import { BackIcon } from "@/app/_components/tickets/icons";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { ArticleEditor } from "./article-editor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq.editor");
  return { title: t("title") };
}

export default async function FaqArticleEditorPage({ params }: { params: Promise<{ id: string }> }) {
  await requireFaqEditorPage();
  const { id: raw } = await params;
  const id = raw === "new" ? null : Number(raw);
  if (id !== null && !(Number.isSafeInteger(id) && id > 0)) notFound();
  const t = await getTranslations("faq");
  await prefetch(trpc.faqEditor.categoryList.queryOptions({ limit: 100 }));
  if (id) await Promise.all([prefetch(trpc.faqEditor.articleGet.queryOptions({ id })), prefetch(trpc.faqEditor.history.queryOptions({ id }))]);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        eyebrow={
          <Link href="/agent/faq/manage" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("manage.title")}
          </Link>
        }
        title={id ? t("editor.editTitle") : t("editor.newTitle")}
      />
      <HydrateClient>
        <ArticleEditor id={id} />
      </HydrateClient>
    </div>
  );
}
