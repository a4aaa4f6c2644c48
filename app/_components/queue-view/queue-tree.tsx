"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Spinner } from "@/app/_components/ui/spinner";
import { cn } from "@/app/_components/ui/cn";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";

type Node = RouterOutputs["queue"]["tree"][number];

/** The queues the agent can see, with maintained open/new counts; choosing one filters the list. */
export function QueueTree({ selected, onSelect }: { selected: number | null; onSelect: (queueId: number | null) => void }) {
  const t = useTranslations("queueView.tree");
  const trpc = useTRPC();
  const tree = useQuery({ ...trpc.queue.tree.queryOptions(), refetchInterval: 60_000 });
  const roots = tree.data ?? [];
  const all = roots.reduce((sum, n) => ({ new: sum.new + n.total.new, open: sum.open + active(n.total) }), { new: 0, open: 0 });

  return (
    // Not a labelled landmark: its name would collide with the "Queue" filter for label lookups.
    <div className="rounded-lg border border-border bg-surface p-2 text-sm shadow-xs">
      <h2 className="px-2 pt-1 pb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">{t("title")}</h2>
      {tree.isPending ? (
        <div className="flex justify-center py-4">
          <Spinner size="sm" label={t("loading")} />
        </div>
      ) : (
        <ul className="space-y-0.5" data-testid="queue-tree">
          <li>
            <Item label={t("allQueues")} counts={all} current={selected === null} onClick={() => onSelect(null)} />
          </li>
          {roots.map((n) => (
            <Branch key={n.id} node={n} depth={0} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Branch({ node, depth, selected, onSelect }: { node: Node; depth: number; selected: number | null; onSelect: (id: number) => void }) {
  const name = node.name.split("::").at(-1) ?? node.name;
  return (
    <li>
      <Item
        label={name}
        title={node.name}
        depth={depth}
        queueId={node.id}
        counts={{ new: node.total.new, open: active(node.total) }}
        current={selected === node.id}
        onClick={() => onSelect(node.id)}
      />
      {node.children.length > 0 && (
        <ul className="space-y-0.5">
          {node.children.map((c) => (
            <Branch key={c.id} node={c as Node} depth={depth + 1} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Item(props: { label: string; title?: string; depth?: number; queueId?: number; counts: { new: number; open: number }; current: boolean; onClick: () => void }) {
  const t = useTranslations("queueView.tree");
  const format = useFormatter();
  return (
    <button
      type="button"
      onClick={props.onClick}
      aria-current={props.current ? "page" : undefined}
      title={props.title}
      data-queue-id={props.queueId}
      style={{ paddingInlineStart: `${0.5 + (props.depth ?? 0) * 0.75}rem` }}
      className={cn(
        "flex w-full items-center gap-2 rounded-md py-1.5 pe-2 text-start hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent",
        props.current && "bg-accent-subtle font-medium text-accent-text",
      )}
    >
      <span className="min-w-0 flex-1 truncate">{props.label}</span>
      {props.counts.new > 0 && (
        <span className="rounded-full bg-accent px-1.5 text-xs text-accent-fg tabular-nums" data-count="new">
          <span className="sr-only">{t("newCount", { count: props.counts.new })}</span>
          <span aria-hidden>{format.number(props.counts.new)}</span>
        </span>
      )}
      <span className="text-xs text-fg-muted tabular-nums" data-count="open">
        <span className="sr-only">{t("openCount", { count: props.counts.open })}</span>
        <span aria-hidden>{format.number(props.counts.open)}</span>
      </span>
    </button>
  );
}

/** Open here means waiting on someone: new, open and pending. */
const active = (c: { new: number; open: number; pending: number }) => c.new + c.open + c.pending;
