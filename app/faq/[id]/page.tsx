import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { FaqArticle } from "@/app/_components/faq/faq-article";
import { BackIcon } from "@/app/_components/tickets/icons";
import { PageHeader } from "@/app/_components/ui/page-header";
import { publicFaqArticle } from "@/server/services/faq/pages";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

/** One read per request, shared by the metadata and the page (a view is counted once). */
const load = cache(async (id: string) => {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  return publicFaqArticle(await getLocale(), n);
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const article = await load((await params).id);
  if (!article) return { robots: { index: false } };
  const description = article.text.replace(/\s+/gu, " ").slice(0, 160);
  return {
    title: article.title,
    description,
    keywords: article.keywords || undefined,
    alternates: { canonical: `/faq/${article.id}` },
    openGraph: { title: article.title, description, type: "article", locale: article.language },
    robots: { index: true, follow: true },
  };
}

export default async function PublicFaqArticlePage({ params }: { params: Params }) {
  const article = await load((await params).id);
  if (!article) notFound();
  const t = await getTranslations("faq");
  const format = await getFormatter();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/faq" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("backToFaq")}
          </Link>
        }
        title={<span dir="auto">{article.title}</span>}
      />
      <FaqArticle article={article} updatedLabel={t("updated", { date: format.dateTime(article.changedAt, { dateStyle: "medium" }) })} />
    </>
  );
}
