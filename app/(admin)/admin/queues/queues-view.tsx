"use client";

import { useMemo, useState } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { EnabledBadge } from "@/app/_components/admin-kit/badges";
import { AdminTable, AdminToolbar, LifecycleDialog } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Spinner } from "@/app/_components/ui/spinner";
import { useToast } from "@/app/_components/ui/toast";
import { EditQueue, QueueForm } from "./queue-form";

type TreeQueue = RouterOutputs["adminConfig"]["queueTree"][number];
type Open = { kind: "create"; parentId: number | null } | { kind: "edit"; id: number } | { kind: "disable" | "delete"; queue: { id: number; name: string; valid: boolean } } | null;

export function QueuesView() {
  const t = useTranslations("adminConfig.queues");
  const tAc = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const client = useTRPCClient();
  // Searching shows a flat list of matches; otherwise the tree.
  const list = useAdminList((input) => trpc.adminConfig.queueList.infiniteQueryOptions(input, nextPage), { enabled: (input) => Boolean(input.search) });
  const [open, setOpen] = useState<Open>(null);
  const searching = Boolean(list.input.search);
  const tree = useQuery({ ...trpc.adminConfig.queueTree.queryOptions({ status: list.status }), placeholderData: keepPreviousData });
  const lifecycle = { setValid: (i: { id: number; valid: boolean }) => client.adminConfig.queueSetValid.mutate(i), remove: (i: { id: number }) => client.adminConfig.queueDelete.mutate(i) };
  const actions = { onEdit: (id: number) => setOpen({ kind: "edit", id }), onAdd: (parentId: number) => setOpen({ kind: "create", parentId }), onDisable: (queue: TreeQueue) => setOpen({ kind: "disable", queue }), onDelete: (queue: TreeQueue) => setOpen({ kind: "delete", queue }) };
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={() => setOpen({ kind: "create", parentId: null })} />
      {searching ? (
        <AdminTable
          query={list.query}
          caption={t("results")}
          name={(q) => q.name}
          empty={{ title: t("empty") }}
          onEdit={(q) => setOpen({ kind: "edit", id: q.id })}
          lifecycle={lifecycle}
          columns={[
            { key: "name", header: t("columns.name"), cell: (q) => <span className="font-medium">{q.name}</span> },
            { key: "group", header: t("columns.group"), cell: (q) => q.groupName },
            { key: "followUp", header: t("columns.followUp"), cell: (q) => t(`followUp.${q.followUp}`) },
          ]}
        />
      ) : (
        <QueueTree query={tree} actions={actions} />
      )}
      {open?.kind === "create" && <QueueForm parentId={open.parentId} onClose={() => setOpen(null)} />}
      {open?.kind === "edit" && <EditQueue id={open.id} onClose={() => setOpen(null)} />}
      {(open?.kind === "disable" || open?.kind === "delete") && (
        <LifecycleDialog
          kind={open.kind}
          name={open.queue.name}
          valid={open.queue.valid}
          toast={(kind) => tAc(`${kind}Toast`, { name: open.queue.name })}
          lifecycle={{ setEnabled: (valid) => lifecycle.setValid({ id: open.queue.id, valid }), remove: () => lifecycle.remove({ id: open.queue.id }) }}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}

type Actions = { onEdit: (id: number) => void; onAdd: (parentId: number) => void; onDisable: (q: TreeQueue) => void; onDelete: (q: TreeQueue) => void };

/** The queues as the tree their names describe; each level is a list inside its parent's item. */
function QueueTree({ query, actions }: { query: { data?: TreeQueue[]; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown; isPlaceholderData: boolean }; actions: Actions }) {
  const t = useTranslations("adminConfig.queues");
  const tCommon = useTranslations("common");
  const errorOf = useAdminError();
  const children = useMemo(() => {
    const rows = query.data ?? [];
    const ids = new Set(rows.map((q) => q.id));
    const map = new Map<number | null, TreeQueue[]>();
    // A queue whose parent is filtered out shows at the top, so nothing disappears.
    for (const q of rows) {
      const key = q.parentId !== null && ids.has(q.parentId) ? q.parentId : null;
      map.set(key, [...(map.get(key) ?? []), q]);
    }
    return map;
  }, [query.data]);
  if (query.isPending) {
    return (
      <div className="flex justify-center py-16 text-fg-muted">
        <Spinner size="lg" label={tCommon("loading")} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert tone="danger" actions={<Button size="sm" variant="secondary" onClick={() => void query.refetch()}>{tCommon("retry")}</Button>}>
        {errorOf(query.error).message}
      </Alert>
    );
  }
  const roots = children.get(null) ?? [];
  if (roots.length === 0) return <EmptyState title={t("empty")} />;
  return (
    <div className={query.isPlaceholderData ? "opacity-60" : undefined} aria-busy={query.isPlaceholderData || undefined}>
      <ul aria-label={t("tree")} className="overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
        {roots.map((q) => (
          <TreeItem key={q.id} queue={q} depth={0} childrenOf={children} actions={actions} />
        ))}
      </ul>
    </div>
  );
}

function TreeItem({ queue, depth, childrenOf, actions }: { queue: TreeQueue; depth: number; childrenOf: Map<number | null, TreeQueue[]>; actions: Actions }) {
  const t = useTranslations("adminConfig.queues");
  const tAc = useTranslations("adminConfig.common");
  const sub = childrenOf.get(queue.id) ?? [];
  const makeDefault = useMakeDefault();
  const enable = useEnable();
  return (
    <li className="border-b border-border last:border-b-0 [&_li]:border-b-0">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 pe-3 hover:bg-surface-hover" style={{ paddingInlineStart: `${0.75 + depth * 1.5}rem` }}>
        <span aria-hidden="true" className="text-fg-subtle">
          {depth > 0 ? "└" : "▸"}
        </span>
        <span className="font-medium" data-testid="queue-name">
          {queue.leafName}
        </span>
        <span className="text-xs text-fg-muted">{t("groupNamed", { name: queue.groupName })}</span>
        {queue.isDefault && (
          <Badge size="sm" tone="info">
            {t("default")}
          </Badge>
        )}
        {!queue.customerVisible && <Badge size="sm">{t("hiddenFromCustomers")}</Badge>}
        {!queue.valid && <EnabledBadge enabled={false} />}
        <div className="ms-auto flex flex-wrap justify-end gap-1" role="group" aria-label={tAc("rowActions", { name: queue.name })}>
          <Button size="sm" variant="ghost" onClick={() => actions.onEdit(queue.id)}>
            {tAc("actions.edit")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => actions.onAdd(queue.id)}>
            {t("addSub")}
          </Button>
          {!queue.isDefault && queue.valid && (
            <Button size="sm" variant="ghost" loading={makeDefault.isPending} onClick={() => makeDefault.mutate({ id: queue.id })}>
              {t("makeDefault")}
            </Button>
          )}
          {queue.valid ? (
            !queue.isDefault && (
              <Button size="sm" variant="ghost" onClick={() => actions.onDisable(queue)}>
                {tAc("actions.disable")}
              </Button>
            )
          ) : (
            <Button size="sm" variant="ghost" loading={enable.isPending} onClick={() => enable.mutate({ id: queue.id, valid: true })}>
              {tAc("actions.enable")}
            </Button>
          )}
          {!queue.isDefault && (
            <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => actions.onDelete(queue)}>
              {tAc("actions.delete")}
            </Button>
          )}
        </div>
      </div>
      {sub.length > 0 && (
        <ul aria-label={t("subQueuesOf", { name: queue.leafName })}>
          {sub.map((q) => (
            <TreeItem key={q.id} queue={q} depth={depth + 1} childrenOf={childrenOf} actions={actions} />
          ))}
        </ul>
      )}
    </li>
  );
}

function useMakeDefault() {
  const t = useTranslations("adminConfig.queues");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const { toast } = useToast();
  return useMutation(trpc.adminConfig.queueMakeDefault.mutationOptions({ onSuccess: () => saved(t("defaultToast")), onError: (e) => toast({ title: errorOf(e).message, tone: "danger" }) }));
}

function useEnable() {
  const t = useTranslations("adminConfig.queues");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const { toast } = useToast();
  return useMutation(trpc.adminConfig.queueSetValid.mutationOptions({ onSuccess: () => saved(t("enabledToast")), onError: (e) => toast({ title: errorOf(e).message, tone: "danger" }) }));
}
