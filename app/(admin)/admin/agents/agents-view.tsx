"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { adminListInput } from "@/app/_components/admin-kit/list-input";
import { PasswordDialog } from "@/app/_components/admin-kit/password-dialog";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { StatusFilter } from "@/app/_components/admin-kit/validity-filter";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { AGENT_STATUS } from "@/server/schemas/admin-directory";
import { AccessDialog, AgentForm } from "./agent-dialogs";

export function AgentsView({ selfId }: { selfId: number }) {
  const t = useTranslations("adminDirectory.agents");
  const tDir = useTranslations("adminDirectory");
  const tRoles = useTranslations("nav.roles");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminDirectory.agentList.infiniteQueryOptions(input, nextPage), { status: "all" as (typeof AGENT_STATUS)[number], extra: { roleId: null as number | null } });
  const roles = useQuery(trpc.adminDirectory.roleList.queryOptions({ ...adminListInput("", "all"), limit: 100 }));
  const [editing, access, password] = [list.rowFor("edit"), list.rowFor("access"), list.rowFor("password")];
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} status={<StatusFilter value={list.status} onChange={list.setStatus} statuses={AGENT_STATUS} />}>
        <Field label={t("roleFilter")} className="w-48">
          <Select value={list.extra.roleId ? String(list.extra.roleId) : ""} onChange={(e) => list.filter("roleId", e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t("anyRole")}</option>
            {roles.data?.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
      </AdminToolbar>
      <AdminTable
        query={list.query}
        caption={t("caption")}
        name={(a) => a.name}
        enabled={(a) => a.enabled}
        empty={{ title: t("empty"), description: tDir("list.emptyHint") }}
        onEdit={(a) => list.open("edit", a)}
        lifecycle={{
          setEnabled: (i) => client.adminDirectory.agentSetEnabled.mutate(i),
          canDisable: (a) => a.id !== selfId,
          toast: (kind) => t(kind === "enabled" ? "enabledToast" : "disabledToast"),
          confirmText: (_kind, a) => ({ title: t("disableTitle", { name: a.name }), description: t("disableDescription") }),
        }}
        extraActions={(a) =>
          (["access", "password"] as const).map((kind) => (
            <Button key={kind} size="sm" variant="ghost" onClick={() => list.open(kind, a)}>
              {t(kind)}
            </Button>
          ))
        }
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (a) => (
              <>
                <div className="font-medium">{a.name}</div>
                <div className="text-xs text-fg-muted">{a.email}</div>
              </>
            ),
          },
          {
            key: "role",
            header: t("columns.role"),
            cell: (a) => (
              <Badge size="sm" tone={a.role === "admin" ? "info" : "neutral"}>
                {tRoles(a.role)}
              </Badge>
            ),
          },
          { key: "roles", header: t("columns.roles"), className: "hidden max-w-64 text-fg-muted lg:table-cell", cell: (a) => a.roles.map((r) => r.name).join(", ") || "—" },
          { key: "lastSignIn", header: t("columns.lastSignIn"), className: "hidden text-fg-muted md:table-cell", cell: (a) => (a.lastSignInAt ? <RelativeTime value={a.lastSignInAt} /> : t("never")) },
        ]}
      />
      {(list.dialog?.kind === "new" || editing) && <AgentForm agent={editing ?? undefined} isSelf={editing?.id === selfId} onClose={list.close} />}
      {access && <AccessDialog agent={access} onClose={list.close} />}
      {password && <PasswordDialog kind="agent" user={password} onClose={list.close} />}
    </div>
  );
}
