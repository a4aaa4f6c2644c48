import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { FaqResultList } from "@/app/_components/faq/result-list";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { PageHeader } from "@/app/_components/ui/page-header";
import { publicFaqIndex } from "@/server/services/faq/pages";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq");
  return { title: t("title"), description: t("publicDescription"), alternates: { canonical: "/faq" }, robots: { index: true, follow: true } };
}

/** The public FAQ's index, rendered on the server: search (a plain GET form), categories, articles. */
export default async function PublicFaqPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const query = one(params.q).trim();
  const category = Number(one(params.category));
  const categoryId = Number.isSafeInteger(category) && category > 0 ? category : null;
  const cursor = one(params.cursor) || null;
  const index = await publicFaqIndex(await getLocale(), { query, categoryId, cursor }).catch(() => null);
  if (!index) notFound();
  const t = await getTranslations("faq");
  const items = index.hits
    ? index.hits.map((h) => ({ id: h.id, title: h.titleMarked, text: h.snippet, language: h.language }))
    : index.articles.items.map((a) => ({ id: a.id, title: a.title, text: a.excerpt, language: a.language }));
  const next = !index.hits && index.articles.nextCursor ? `/faq?${new URLSearchParams({ ...(categoryId ? { category: String(categoryId) } : {}), cursor: index.articles.nextCursor })}` : null;
  return (
    <>
      <PageHeader title={t("title")} description={t("publicDescription")} />
      <form action="/faq" method="get" role="search" className="mb-6 flex gap-2">
        <label htmlFor="faq-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <Input id="faq-q" type="search" name="q" defaultValue={query} placeholder={t("searchPlaceholder")} />
        <Button type="submit">{t("search")}</Button>
      </form>
      {index.categories.length > 0 && (
        <nav aria-label={t("categories")} className="mb-6 flex flex-wrap gap-2">
          <Link href="/faq" className="rounded-md px-2 py-1 text-sm ring-1 ring-border hover:bg-surface-hover" aria-current={!categoryId && !query ? "page" : undefined}>
            {t("allCategories")}
          </Link>
          {index.categories.map((c) => (
            <Link key={c.id} href={`/faq?category=${c.id}`} className="rounded-md px-2 py-1 text-sm ring-1 ring-border hover:bg-surface-hover" aria-current={categoryId === c.id ? "page" : undefined}>
              <span dir="auto">{c.name}</span> <span className="text-fg-muted">({c.articles})</span>
            </Link>
          ))}
        </nav>
      )}
      {items.length === 0 ? (
        <EmptyState title={query ? t("noResults") : t("empty")} />
      ) : (
        <FaqResultList items={items} base="/faq" label={t("results")} />
      )}
      {next && (
        <div className="mt-4">
          <Button href={next} variant="secondary">
            {t("loadMore")}
          </Button>
        </div>
      )}
    </>
  );
}
