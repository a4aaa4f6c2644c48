import type { ReactNode } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardBody } from "@/app/_components/ui/card";
import { FaqBody } from "./faq-body";

export type ShownFaqArticle = { id: number; title: string; html: string; language: string; categoryName: string; keywords: string; changedAt: Date; attachments: { id: string; filename: string }[] };

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
          <FaqFiles files={article.attachments} className="mt-4 border-t border-border pt-3" />
        </CardBody>
      </Card>
      {footer}
    </article>
  );
}

/** An article's files, as download links (server/services/faq/files.ts checks who may read them). */
export function FaqFiles({ files, className }: { files: readonly { id: string; filename: string }[]; className?: string }) {
  if (files.length === 0) return null;
  return (
    <ul className={`flex flex-wrap gap-2 text-sm ${className ?? ""}`}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/api/faq/attachments/${f.id}`} className="text-accent underline" dir="auto">
            {f.filename}
          </a>
        </li>
      ))}
    </ul>
  );
}
