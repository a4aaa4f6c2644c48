import type { ReactNode } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardBody } from "@/app/_components/ui/card";
import { FaqBody } from "./faq-body";

export type ShownFaqArticle = { id: number; title: string; html: string; language: string; categoryName: string; keywords: string; changedAt: Date };

/** One article as readers see it (portal, agent area, public pages). */
export function FaqArticle({ article, updatedLabel, footer }: { article: ShownFaqArticle; updatedLabel: string; footer?: ReactNode }) {
  return (
    <article lang={article.language} className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
        <Badge size="sm">{article.categoryName}</Badge>
        <span>{updatedLabel}</span>
      </div>
      <Card>
        <CardBody className="py-5">
          <FaqBody html={article.html} />
        </CardBody>
      </Card>
      {footer}
    </article>
  );
}
