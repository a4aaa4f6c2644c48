"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useShortcuts } from "@/app/_components/keyboard/use-shortcuts";
import { Button } from "@/app/_components/ui/button";
import type { TicketDetail } from "@/app/_components/trpc/types";
import type { DialogKind } from "./action-dialog";
import { AgentDialog, CloseDialog, MoveDialog } from "./assign-dialogs";
import { LinkDialog, MergeDialog, SplitDialog } from "./relate-dialogs";
import { useTicketActions } from "./use-ticket-actions";

/** The zoom's actions that need a choice first, each opening its own dialog. */
export function ActionBar({ articles }: { articles: TicketDetail["articles"] }) {
  const t = useTranslations("zoom.actions");
  const { ticket, can, lockedByOther } = useTicketActions();
  const [open, setOpen] = useState<DialogKind | null>(null);
  const merged = ticket.stateType === "merged";
  const closed = ticket.stateType === "closed";
  // A lock held by someone else blocks what changes the ticket; linking and notes stay possible.
  const free = !lockedByOther && !merged;
  const actions: { kind: DialogKind; label: string; allowed: boolean; keys?: string }[] = [
    { kind: "move", label: t("move"), allowed: can("move") && free, keys: "m" },
    { kind: "owner", label: t("owner"), allowed: can("owner") && free, keys: "o" },
    { kind: "responsible", label: t("responsible"), allowed: can("responsible") && !merged },
    { kind: "link", label: t("link"), allowed: can("link") && !merged, keys: "k" },
    { kind: "split", label: t("split"), allowed: can("split") && articles.length > 0 },
    { kind: "merge", label: t("merge"), allowed: can("merge") && free },
    { kind: "close", label: t("close"), allowed: can("close") && free && !closed, keys: "c" },
  ];
  const allowed = actions.filter((a) => a.allowed);

  useShortcuts(
    allowed
      .filter((a): a is typeof a & { keys: string } => a.keys !== undefined)
      .map((a) => ({ keys: a.keys, description: a.label, run: () => setOpen(a.kind) })),
  );

  if (allowed.length === 0) return null;
  const close = () => setOpen(null);

  return (
    <>
      <div role="toolbar" aria-label={t("label")} className="flex flex-wrap gap-2">
        {allowed.map((a) => (
          <Button key={a.kind} size="sm" variant={a.kind === "close" ? "secondary" : "ghost"} onClick={() => setOpen(a.kind)} aria-haspopup="dialog" aria-keyshortcuts={a.keys}>
            {a.label}
          </Button>
        ))}
      </div>
      <MoveDialog open={open === "move"} onClose={close} />
      <AgentDialog role="owner" open={open === "owner"} onClose={close} />
      <AgentDialog role="responsible" open={open === "responsible"} onClose={close} />
      <LinkDialog open={open === "link"} onClose={close} />
      <SplitDialog open={open === "split"} onClose={close} articles={articles} />
      <MergeDialog open={open === "merge"} onClose={close} />
      <CloseDialog open={open === "close"} onClose={close} />
    </>
  );
}
