"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { Spinner } from "@/app/_components/ui/spinner";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { AreaProviders } from "@/app/_components/tickets/area-providers";
import { RelativeTime } from "@/app/_components/tickets/relative-time";

type Item = RouterOutputs["notification"]["list"]["items"][number];

const SHOWN = 10;
/** The badge refreshes this often while the tab is visible (and whenever the window regains focus). */
const REFRESH_MS = 30_000;

/**
 * The agent's in-app notifications: a button with the unread count that opens a list of the
 * latest ones, each linking to its ticket. The header sits outside the page's providers, so the
 * bell brings its own (they share the browser's one query client per user).
 */
export function NotificationBell({ user }: { user: { id: number; timeZone: string; preferGregorian?: boolean } }) {
  return (
    <AreaProviders user={user}>
      <Bell />
    </AreaProviders>
  );
}

function Bell() {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const list = useQuery({ ...trpc.notification.list.queryOptions({ limit: SHOWN }), refetchInterval: REFRESH_MS });
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.notification.list.pathFilter()),
    }),
  );
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  function toggle() {
    if (!open) void list.refetch();
    setOpen(!open);
  }

  function openItem(item: Item) {
    setOpen(false);
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
  }

  return (
    <div ref={root} className="relative">
      <Button
        ref={button}
        variant="ghost"
        size="icon-sm"
        aria-label={unread > 0 ? t("labelUnread", { count: unread }) : t("label")}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
        className="relative"
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute -end-0.5 -top-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[10px] leading-none font-semibold text-white tabular-nums ring-2 ring-surface"
          >
            {unread >= 100 ? `${format.number(99)}+` : format.number(unread)}
          </span>
        )}
      </Button>

      {open && (
        <section
          id={panelId}
          aria-labelledby={headingId}
          className={cn(
            "z-50 overflow-hidden rounded-lg border border-border bg-surface text-fg shadow-lg",
            "fixed inset-x-3 top-14 sm:absolute sm:inset-x-auto sm:end-0 sm:top-full sm:mt-2 sm:w-96",
          )}
        >
          <div className="flex items-center justify-between gap-2 border-b border-border px-4 py-2.5">
            <h2 id={headingId} className="text-sm font-semibold">
              {t("title")}
              {unread > 0 && <span className="ms-2 font-normal text-fg-muted">{t("unreadCount", { count: unread })}</span>}
            </h2>
            {unread > 0 && (
              <Button variant="ghost" size="sm" loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
                {t("markAllRead")}
              </Button>
            )}
          </div>
          <div className="max-h-[min(70dvh,28rem)] overflow-y-auto">
            {list.isPending ? (
              <div className="flex justify-center py-8 text-fg-muted">
                <Spinner label={t("loading")} />
              </div>
            ) : list.isError && !list.data ? (
              <div className="p-3">
                <Alert
                  tone="danger"
                  actions={
                    <Button size="sm" variant="secondary" onClick={() => void list.refetch()} loading={list.isFetching}>
                      {t("retry")}
                    </Button>
                  }
                >
                  {errorInfo(list.error).message}
                </Alert>
              </div>
            ) : items.length === 0 ? (
              <div className="px-4 py-8 text-center">
                <p className="text-sm font-medium">{t("emptyTitle")}</p>
                <p className="mt-1 text-[13px] text-fg-muted">{t("emptyDescription")}</p>
              </div>
            ) : (
              <ul className="divide-y divide-border">
                {items.map((item) => (
                  <li key={item.id}>
                    <NotificationLink item={item} onOpen={() => openItem(item)} />
                  </li>
                ))}
              </ul>
            )}
          </div>
          {markRead.isError && (
            <p role="alert" className="border-t border-border px-4 py-2 text-[13px] text-danger-text">
              {errorInfo(markRead.error).message}
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function NotificationLink({ item, onOpen }: { item: Item; onOpen: () => void }) {
  const t = useTranslations("notifications");
  const unread = !item.readAt;
  const body = (
    <>
      <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-accent" : "bg-transparent")} />
      <span className="min-w-0 flex-1">
        {unread && <span className="sr-only">{t("unread")}: </span>}
        <span dir="auto" className={cn("line-clamp-2 text-sm", unread ? "font-semibold text-fg" : "text-fg-muted")}>
          {item.title}
        </span>
        <span className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-fg-muted">
          {item.ticketNumber && <span className="font-mono">#{item.ticketNumber}</span>}
          <RelativeTime value={item.createdAt} past />
        </span>
      </span>
    </>
  );
  const className = "flex gap-3 px-4 py-3 text-start hover:bg-surface-hover focus-visible:bg-surface-hover focus-visible:outline-none";
  if (!item.ticketId) return <div className={className}>{body}</div>;
  return (
    <Link href={`/agent/tickets/${item.ticketId}`} onClick={onOpen} className={className}>
      {body}
    </Link>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-[18px]">
      <path
        d="M5 8.5a5 5 0 0 1 10 0v2.7l1.3 2.3a.7.7 0 0 1-.6 1H4.3a.7.7 0 0 1-.6-1L5 11.2V8.5ZM8 16.5a2 2 0 0 0 4 0"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
