"use client";

import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { NameCommentForm } from "@/app/_components/admin-kit/name-comment-form";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Button } from "@/app/_components/ui/button";
import { RoleMembersDialog, RolePermissionsDialog } from "./role-dialogs";

type Role = RouterOutputs["adminDirectory"]["roleList"]["items"][number];

export function RolesView() {
  const t = useTranslations("adminDirectory.roles");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminDirectory.roleList.infiniteQueryOptions(input, nextPage));
  const count = (key: "memberCount" | "groupCount", header: string) => ({ key, header, align: "end" as const, numeric: true, cell: (r: Role) => r[key] });
  const [editing, members, permissions] = [list.rowFor("edit"), list.rowFor("members"), list.rowFor("permissions")];
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("caption")}
        name={(r) => r.name}
        empty={{ title: t("empty"), description: tDir("list.emptyHint") }}
        onEdit={(r) => list.open("edit", r)}
        lifecycle={{
          setValid: (i) => client.adminDirectory.roleSetValid.mutate(i),
          remove: (i) => client.adminDirectory.roleDelete.mutate(i),
          toast: (kind) => t(`${kind}Toast`),
          confirmText: (kind, r) => ({ title: t(kind === "delete" ? "deleteTitle" : "disableTitle", { name: r.name }), description: t(kind === "delete" ? "deleteDescription" : "disableDescription", { members: r.memberCount }) }),
        }}
        extraActions={(r) =>
          (["members", "permissions"] as const).map((kind) => (
            <Button key={kind} size="sm" variant="ghost" onClick={() => list.open(kind, r)}>
              {t(kind)}
            </Button>
          ))
        }
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (r) => (
              <>
                <div className="font-medium">{r.name}</div>
                {r.comment && <div className="text-xs text-fg-muted">{r.comment}</div>}
              </>
            ),
          },
          count("memberCount", t("columns.members")),
          count("groupCount", t("columns.groups")),
        ]}
      />
      {(list.dialog?.kind === "new" || editing) && (
        <NameCommentForm
          row={editing ?? undefined}
          title={editing ? t("editTitle", { name: editing.name }) : t("createTitle")}
          submitLabel={editing ? tDir("actions.save") : t("create")}
          savedToast={t(editing ? "savedToast" : "createdToast")}
          create={(v) => client.adminDirectory.roleCreate.mutate(v)}
          update={(v) => client.adminDirectory.roleUpdate.mutate(v)}
          onClose={list.close}
        />
      )}
      {members && <RoleMembersDialog role={members} onClose={list.close} />}
      {permissions && <RolePermissionsDialog role={permissions} onClose={list.close} />}
    </div>
  );
}
