"use client";

import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/server/schemas/admin-config";
import { ROLES, RuleForm, type Rule } from "./rule-form";

export function NotificationRulesView() {
  const t = useTranslations("adminConfig.notificationRules");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.notificationRuleList.infiniteQueryOptions(input, nextPage));
  const recipients = (r: Rule) =>
    [...ROLES.filter((k) => r.recipients[k]).map((k) => t(`recipients.${k}`)), ...r.groups.map((g) => t("groupLabel", { name: g.name })), ...r.agents.map((a) => a.name)].join(", ");
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.notificationRuleSetValid.mutate(i), remove: (i) => client.adminConfig.notificationRuleDelete.mutate(i) }}
        columns={[
          { key: "name", header: t("columns.name"), cell: (x) => <span className="font-medium">{x.name}</span> },
          // A rule stored for an event that no longer exists (the migration disabled it) shows its raw name.
          { key: "event", header: t("columns.event"), cell: (x) => ((NOTIFICATION_EVENTS as readonly string[]).includes(x.event) ? t(`events.${x.event as NotificationEvent}`) : x.event) },
          { key: "recipients", header: t("columns.recipients"), cell: recipients },
          { key: "channels", header: t("columns.channels"), cell: (x) => [x.channels.email && t("channels.email"), x.channels.app && t("channels.app")].filter(Boolean).join(", ") },
          { key: "queues", header: t("columns.queues"), cell: (x) => (x.queues.length ? x.queues.map((q) => q.name).join(", ") : t("allQueues")) },
        ]}
      />
      {list.dialog && <RuleForm rule={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}
