import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { BackIcon } from "@/app/_components/tickets/icons";
import type { Actor } from "@/server/auth/actor";
import { faqArticlePage } from "@/server/services/faq/pages";
import { FaqArticle } from "./faq-article";
import { HelpfulButton } from "./helpful-button";

/** An article page of a signed-in area (portal or agent): back to the area's FAQ, "helpful" vote. */
export async function SignedInFaqArticlePage({ actor, id, base }: { actor: Actor; id: string; base: string }) {
  const n = Number(id);
  const article = Number.isSafeInteger(n) && n > 0 ? await faqArticlePage(actor, actor.language, n) : null;
  if (!article) notFound();
  const t = await getTranslations("faq");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        eyebrow={
          <Link href={base} className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("backToFaq")}
          </Link>
        }
        title={<span dir="auto">{article.title}</span>}
      />
      <FaqArticle article={article} updatedLabel={t("updated", { date: format.dateTime(article.changedAt, { dateStyle: "medium" }) })} footer={<HelpfulButton id={article.id} />} />
    </div>
  );
}
