"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import type { TicketArticle } from "@/app/_components/trpc/types";
import { AttachmentList } from "./attachment-list";
import { MailHtml } from "./mail-html";
import { DateTime } from "./relative-time";
import { textDirection } from "@/server/i18n/bidi";

export type ArticleAudience = "agent" | "customer";

/**
 * The conversation, oldest first. Customer messages, agent answers and internal notes each
 * look different, so an agent never mistakes a note for something the customer saw.
 */
export function ArticleList({
  articles,
  audience,
  viewerId,
  ticketTitle,
}: {
  articles: readonly TicketArticle[];
  audience: ArticleAudience;
  viewerId: number;
  /** Subjects that only repeat the title ("Re: …") are left out. */
  ticketTitle?: string;
}) {
  const t = useTranslations("ticket");
  if (articles.length === 0) return <p className="text-sm text-fg-muted">{t("noArticles")}</p>;
  return (
    <ol className="space-y-4">
      {articles.map((article) => (
        <li key={article.id}>
          <ArticleCard article={article} audience={audience} viewerId={viewerId} ticketTitle={ticketTitle} />
        </li>
      ))}
    </ol>
  );
}

function ArticleCard({
  article,
  audience,
  viewerId,
  ticketTitle,
}: {
  article: TicketArticle;
  audience: ArticleAudience;
  viewerId: number;
  ticketTitle?: string;
}) {
  const t = useTranslations("ticket");
  const mine = article.authorId === viewerId;
  const fromCustomer = article.senderType === "customer";
  const from = parseAddress(article.fromAddress);
  const author = mine
    ? t("sender.you")
    : audience === "customer" && !fromCustomer
      ? (article.authorName ?? t("sender.supportTeam"))
      : (article.authorName ?? from?.name ?? from?.email ?? t(`sender.${article.senderType}`));
  const headingId = `article-${article.id}`;
  const [plain, setPlain] = useState(false);

  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        "overflow-hidden rounded-lg border shadow-xs",
        article.isInternal
          ? "border-warning/45 bg-warning-subtle/70"
          : fromCustomer
            ? "border-border bg-surface"
            : "border-accent/25 bg-accent-subtle/40",
      )}
    >
      <header
        className={cn(
          "flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b px-4 py-2.5",
          article.isInternal ? "border-warning/30" : fromCustomer ? "border-border" : "border-accent/15",
        )}
      >
        <Avatar name={article.authorName ?? author} tone={article.isInternal ? "note" : fromCustomer ? "customer" : "agent"} />
        <div className="min-w-0 flex-1 basis-32">
          <h3 id={headingId} className="truncate text-sm font-semibold text-fg">
            {author}
            <span className="sr-only">
              {" · "}
              {article.isInternal ? t("internalNote") : t(`sender.${article.senderType}`)}
            </span>
          </h3>
          {audience === "agent" && from?.email && from.email !== author && <p className="truncate text-xs text-fg-muted">{from.email}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {article.unverified && (
            <Badge tone="danger" size="sm" title={t("unverifiedHint")}>
              {t("unverified")}
            </Badge>
          )}
          {article.isInternal ? (
            <Badge tone="warning" size="sm">
              {t("internalNote")}
            </Badge>
          ) : (
            audience === "agent" && (
              <Badge tone={fromCustomer ? "neutral" : "info"} size="sm">
                {t(`sender.${article.senderType}`)}
              </Badge>
            )
          )}
          {audience === "agent" && !article.isInternal && (
            <Badge size="sm" className="bg-transparent">
              {t(`channels.${article.channel}`)}
            </Badge>
          )}
          {(article.deliveryStatus === "failed" || article.deliveryStatus === "bounced") && (
            <Badge tone="danger" size="sm">
              {t("deliveryFailed")}
            </Badge>
          )}
          <DateTime value={article.createdAt} className="text-xs text-fg-muted" />
        </div>
      </header>
      <div className="px-4 py-3">
        {audience === "agent" && showSubject(article.subject, ticketTitle) && (
          <p dir="auto" className="mb-1.5 text-sm font-semibold text-fg">
            {article.subject}
          </p>
        )}
        {article.bodyHtml && !plain ? (
          <MailHtml html={article.bodyHtml} title={t("mail.frameTitle", { subject: article.subject ?? author })} />
        ) : (
          <div dir={textDirection(article.bodyText ?? "")} data-testid="article-body" className="text-sm leading-relaxed break-words whitespace-pre-wrap text-fg">
            {article.bodyText}
          </div>
        )}
        {article.bodyHtml && (
          <Button variant="ghost" size="sm" className="-ms-2 mt-1 h-7 text-xs" onClick={() => setPlain(!plain)}>
            {plain ? t("mail.formatted") : t("mail.plainText")}
          </Button>
        )}
        <AttachmentList
          files={article.attachments.filter((file) => !file.inline || !article.bodyHtml || plain)}
          rawHref={audience === "agent" && article.hasRaw ? `/api/articles/${article.id}/raw` : undefined}
        />
      </div>
    </article>
  );
}

function Avatar({ name, tone }: { name: string; tone: "customer" | "agent" | "note" }) {
  const letter = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold ring-1",
        tone === "customer" && "bg-surface-muted text-fg-muted ring-border",
        tone === "agent" && "bg-accent-subtle text-accent-text ring-accent/20",
        tone === "note" && "bg-warning-subtle text-warning-text ring-warning/30",
      )}
    >
      {letter}
    </span>
  );
}

function showSubject(subject: string | null, title: string | undefined): subject is string {
  if (!subject) return false;
  const bare = subject.replace(/^((re|aw|fwd?|odp|wg)\s*:\s*)+/i, "").trim();
  return bare !== title && subject !== "Note";
}

/** "Carla Customer <carla@example.com>" → its parts; a bare address has no name. */
function parseAddress(value: string | null): { name: string | null; email: string } | null {
  if (!value) return null;
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (!match) return { name: null, email: value.trim() };
  return { name: match[1]?.trim() || null, email: match[2]?.trim() ?? value };
}
