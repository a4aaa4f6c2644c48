"use client";

import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { NameCommentForm } from "@/app/_components/admin-kit/name-comment-form";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Button } from "@/app/_components/ui/button";

type Group = RouterOutputs["adminDirectory"]["groupList"]["items"][number];

export function GroupsView() {
  const t = useTranslations("adminDirectory.groups");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminDirectory.groupList.infiniteQueryOptions(input, nextPage));
  const count = (key: "queueCount" | "agentCount" | "roleCount", header: string) => ({ key, header, align: "end" as const, numeric: true, cell: (g: Group) => g[key] });
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("caption")}
        name={(g) => g.name}
        empty={{ title: t("empty"), description: tDir("list.emptyHint") }}
        onEdit={(g) => list.open("edit", g)}
        lifecycle={{
          setValid: (i) => client.adminDirectory.groupSetValid.mutate(i),
          remove: (i) => client.adminDirectory.groupDelete.mutate(i),
          toast: (kind) => t(`${kind}Toast`),
          confirmText: (kind, g) =>
            kind === "disable"
              ? { title: t("disableTitle", { name: g.name }), description: t("disableDescription", { queues: g.queueCount }) }
              : { title: t("deleteTitle", { name: g.name }), description: t("deleteDescription") },
        }}
        extraActions={(g) => (
          <Button size="sm" variant="ghost" href={`/admin/permissions?group=${g.id}`}>
            {t("permissions")}
          </Button>
        )}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (g) => (
              <>
                <div className="font-medium">{g.name}</div>
                {g.comment && <div className="text-xs text-fg-muted">{g.comment}</div>}
              </>
            ),
          },
          count("queueCount", t("columns.queues")),
          count("agentCount", t("columns.agents")),
          count("roleCount", t("columns.roles")),
        ]}
      />
      {list.dialog && <GroupForm group={list.rowFor("edit")} onClose={list.close} />}
    </div>
  );
}

function GroupForm({ group, onClose }: { group: Group | null; onClose: () => void }) {
  const t = useTranslations("adminDirectory.groups");
  const tDir = useTranslations("adminDirectory");
  const client = useTRPCClient();
  return (
    <NameCommentForm
      row={group ?? undefined}
      title={group ? t("editTitle", { name: group.name }) : t("createTitle")}
      submitLabel={group ? tDir("actions.save") : t("create")}
      savedToast={t(group ? "savedToast" : "createdToast")}
      create={(v) => client.adminDirectory.groupCreate.mutate(v)}
      update={(v) => client.adminDirectory.groupUpdate.mutate(v)}
      onClose={onClose}
    />
  );
}
