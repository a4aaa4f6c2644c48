"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button, buttonStyles } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { nextPage } from "@/app/_components/admin-kit/list-input";
import { PagedList } from "@/app/_components/admin-kit/list-view";
import { Spinner } from "@/app/_components/ui/spinner";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { DateTime, RelativeTime } from "@/app/_components/tickets/relative-time";
import { quarantineInput } from "./input";

type Item = RouterOutputs["adminMail"]["quarantineList"]["items"][number];
type Rerun = RouterOutputs["adminMail"]["quarantineRerun"];

/** Messages the postmaster kept aside: download, re-run (after a fix) or discard each. */
export function QuarantineList() {
  const t = useTranslations("adminMail.quarantine");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const { toast } = useToast();
  const fromUrl = useSearchParams().get("resolved") === "1";
  // Local state answers the click at once; the URL follows (and back/forward flow back in below).
  const [includeResolved, setIncludeResolved] = useState(fromUrl);
  const [urlSeen, setUrlSeen] = useState(fromUrl);
  if (urlSeen !== fromUrl) {
    setUrlSeen(fromUrl);
    setIncludeResolved(fromUrl);
  }
  const [outcome, setOutcome] = useState<{ subject: string; result: Rerun } | null>(null);
  const [discarding, setDiscarding] = useState<Item | null>(null);

  const list = useInfiniteQuery({ ...trpc.adminMail.quarantineList.infiniteQueryOptions(quarantineInput(includeResolved), nextPage), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queryClient.invalidateQueries(trpc.adminMail.quarantineList.pathFilter());

  const rerun = useMutation(
    trpc.adminMail.quarantineRerun.mutationOptions({
      onSuccess: (result, input) => {
        const item = items.find((i) => i.id === input.id);
        setOutcome({ subject: item?.subject || t("noSubject"), result });
        toast({ title: result.resolved ? t("rerun.resolvedToast") : t("rerun.stillToast"), tone: result.resolved ? "success" : "warning" });
      },
      onError: (error) => toast({ title: t("rerun.failed"), description: errorInfo(error).message, tone: "danger" }),
      onSettled: refresh,
    }),
  );
  const discard = useMutation(
    trpc.adminMail.quarantineDiscard.mutationOptions({
      onSuccess: () => {
        setDiscarding(null);
        toast({ title: t("discard.done"), tone: "success" });
      },
      onSettled: refresh,
    }),
  );

  function toggleResolved(checked: boolean) {
    setIncludeResolved(checked);
    window.history.pushState(null, "", `${window.location.pathname}${checked ? "?resolved=1" : ""}`);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-border bg-surface px-4 py-3 shadow-xs">
        <label className="flex cursor-pointer items-center gap-2 text-sm font-medium text-fg">
          <input
            type="checkbox"
            checked={includeResolved}
            onChange={(e) => toggleResolved(e.target.checked)}
            className="size-4 rounded border-border-strong accent-accent"
          />
          {t("showResolved")}
        </label>
        <p aria-live="polite" className="flex items-center gap-2 text-sm text-fg-muted">
          {list.isPlaceholderData ? (
            <>
              <Spinner size="sm" />
              {t("updating")}
            </>
          ) : (
            list.isSuccess && items.length > 0 && t(list.hasNextPage ? "showingMore" : "showing", { count: items.length })
          )}
        </p>
      </div>

      {outcome && <RerunOutcome subject={outcome.subject} result={outcome.result} onDismiss={() => setOutcome(null)} />}

      <PagedList query={list} count={false} empty={{ title: t("emptyTitle"), description: includeResolved ? t("emptyAllDescription") : t("emptyDescription"), icon: <ShieldCheckIcon /> }}>
        {(rows) => (
          <ul className="space-y-3">
            {rows.map((item) => (
              <li key={item.id}>
                <QuarantineCard
                  item={item}
                  rerunning={rerun.isPending && rerun.variables?.id === item.id}
                  busy={rerun.isPending}
                  onRerun={() => rerun.mutate({ id: item.id })}
                  onDiscard={() => {
                    discard.reset();
                    setDiscarding(item);
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </PagedList>

      <Dialog
        open={discarding !== null}
        onClose={() => setDiscarding(null)}
        dismissible={!discard.isPending}
        size="sm"
        title={t("discard.title")}
        description={t("discard.description")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDiscarding(null)} disabled={discard.isPending}>
              {tCommon("cancel")}
            </Button>
            <Button variant="danger" loading={discard.isPending} onClick={() => discarding && discard.mutate({ id: discarding.id })}>
              {t("discard.confirm")}
            </Button>
          </>
        }
      >
        {discarding && (
          <div className="space-y-3">
            <p className="rounded-md bg-surface-muted px-3 py-2">
              <span dir="auto" className="block font-medium break-words">
                {discarding.subject || t("noSubject")}
              </span>
              <span className="block text-fg-muted break-words">{discarding.fromAddress ?? t("unknownSender")}</span>
            </p>
            {discard.isError && <Alert tone="danger">{errorInfo(discard.error).message}</Alert>}
          </div>
        )}
      </Dialog>
    </div>
  );
}

function QuarantineCard({ item, rerunning, busy, onRerun, onDiscard }: { item: Item; rerunning: boolean; busy: boolean; onRerun: () => void; onDiscard: () => void }) {
  const t = useTranslations("adminMail.quarantine");
  const headingId = `quarantine-${item.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-border bg-surface shadow-xs">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3">
        <div className="min-w-0 flex-1 basis-64">
          <h2 id={headingId} dir="auto" className="text-sm font-semibold break-words text-fg">
            {item.subject || t("noSubject")}
          </h2>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-fg-muted">
            <span className="break-all">{item.fromAddress ?? t("unknownSender")}</span>
            <span aria-hidden="true">·</span>
            <RelativeTime value={item.createdAt} />
            <span aria-hidden="true">·</span>
            <span>{t(`sources.${sourceKey(item.source)}`)}</span>
          </p>
        </div>
        {item.resolvedAt ? (
          <Badge tone={item.resolution === "discarded" ? "neutral" : "success"} dot>
            {item.resolution === "discarded" ? t("resolution.discarded") : t("resolution.rerun", { outcome: item.resolution?.replace(/^rerun: /, "") ?? "" })}
          </Badge>
        ) : (
          <Badge tone="warning" dot>
            {t("waiting")}
          </Badge>
        )}
      </div>
      <div className="border-t border-border px-4 py-3">
        <p className="text-sm text-fg">
          <span className="font-medium">{t("reason")}: </span>
          {reasonText(t, item.reason)}
        </p>
        {item.detail && (
          <details className="mt-1.5 text-xs text-fg-muted">
            <summary className="cursor-pointer select-none hover:text-fg">{t("detail")}</summary>
            <p className="mt-1 font-mono break-words whitespace-pre-wrap">{item.detail}</p>
          </details>
        )}
        {item.resolvedAt && (
          <p className="mt-1.5 text-xs text-fg-muted">
            {t("resolvedBy", { name: item.resolvedByName ?? t("unknownAdmin") })} <DateTime value={item.resolvedAt} />
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2 rounded-b-lg border-t border-border bg-surface-muted px-4 py-2.5">
        <a
          href={`/api/admin/quarantine/${item.id}/raw`}
          download={`quarantine-${item.id}.eml`}
          aria-label={t("downloadLabel", { subject: item.subject || t("noSubject") })}
          className={buttonStyles({ variant: "ghost", size: "sm", className: "me-auto" })}
        >
          <DownloadIcon />
          {t("download")}
        </a>
        {!item.resolvedAt && (
          <>
            <Button variant="secondary" size="sm" onClick={onDiscard} disabled={busy}>
              {t("discard.action")}
            </Button>
            <Button size="sm" onClick={onRerun} loading={rerunning} disabled={busy && !rerunning}>
              {rerunning ? t("rerun.running") : t("rerun.action")}
            </Button>
          </>
        )}
      </div>
    </article>
  );
}

function RerunOutcome({ subject, result, onDismiss }: { subject: string; result: Rerun; onDismiss: () => void }) {
  const t = useTranslations("adminMail.quarantine.rerun");
  const tReasons = useTranslations("adminMail.quarantine");
  const ticket = result.ticketId ? (
    <Link href={`/agent/tickets/${result.ticketId}`}>{t("ticket", { number: result.ticketNumber ?? String(result.ticketId) })}</Link>
  ) : null;
  const dismiss = (
    <Button size="sm" variant="ghost" onClick={onDismiss}>
      {t("dismiss")}
    </Button>
  );
  if (!result.resolved) {
    return (
      <Alert tone="warning" title={t("stillTitle", { subject })} actions={dismiss}>
        {t("stillBody", { reason: reasonText(tReasons, result.reason ?? "") })}
      </Alert>
    );
  }
  return (
    <Alert tone="success" title={t("resolvedTitle", { subject })} actions={dismiss}>
      {t(`outcomes.${result.outcome === "created" || result.outcome === "follow_up" || result.outcome === "duplicate" ? result.outcome : "ignored"}`)} {ticket}
    </Alert>
  );
}

function sourceKey(source: string): "pipe" | "imap" | "resend" | "rerun" | "other" {
  return source === "pipe" || source === "imap" || source === "resend" || source === "rerun" ? source : "other";
}

function DownloadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className="size-3.5">
      <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function ShieldCheckIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" className="size-5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M12 3 5 6v5c0 4.5 3 8.2 7 9.5 4-1.3 7-5 7-9.5V6l-7-3Z" />
      <path d="m9 12 2 2 4-4" />
    </svg>
  );
}

const REASON_PREFIX = "adminMail.quarantine.reasons.";

/** Reasons the postmaster gives as catalog keys are shown translated; older ones are plain text. */
function reasonText(t: ReturnType<typeof useTranslations<"adminMail.quarantine">>, reason: string): string {
  if (!reason.startsWith(REASON_PREFIX)) return reason;
  const key = `reasons.${reason.slice(REASON_PREFIX.length)}`;
  return t.has(key as never) ? t(key as never) : reason;
}
