"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AgentPicker, type PickedAgent } from "@/app/_components/admin-directory/agent-picker";
import { useAdminError } from "@/app/_components/admin-directory/errors";
import { FormDialog } from "@/app/_components/admin-directory/form-dialog";
import { CheckboxField } from "@/app/_components/admin-config/checkbox-field";
import { ConfigTable, ConfigToolbar, useListFilters } from "@/app/_components/admin-config/config-list";
import { useConfigSaved } from "@/app/_components/admin-config/use-config-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/server/schemas/admin-config";

type Rule = RouterOutputs["adminConfig"]["notificationRuleList"]["items"][number];
const ROLES = ["owner", "responsible", "queueSubscribers"] as const;
/** Escalations fire once SLAs exist; rules for them can be prepared, the form says so. */
const LATER_EVENTS: readonly NotificationEvent[] = ["escalation"];

export function NotificationRulesView() {
  const t = useTranslations("adminConfig.notificationRules");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const filters = useListFilters();
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const list = useInfiniteQuery({ ...trpc.adminConfig.notificationRuleList.infiniteQueryOptions(filters.input, { getNextPageParam: (last) => last.nextCursor }), placeholderData: keepPreviousData });
  const recipients = (r: Rule) =>
    [...ROLES.filter((k) => r.recipients[k]).map((k) => t(`recipients.${k}`)), ...r.groups.map((g) => t("groupLabel", { name: g.name })), ...r.agents.map((a) => a.name)].join(", ");
  return (
    <div className="space-y-4">
      <ConfigToolbar filters={filters} searchLabel={t("search")} newLabel={t("new")} onNew={() => setEditing("new")} />
      <ConfigTable
        query={list}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={setEditing}
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
      {editing && <RuleForm rule={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function RuleForm({ rule, onClose }: { rule?: Rule; onClose: () => void }) {
  const t = useTranslations("adminConfig.notificationRules");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useConfigSaved();
  const errorOf = useAdminError();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(rule?.name ?? "");
  const [event, setEvent] = useState<NotificationEvent>((rule?.event as NotificationEvent | undefined) ?? "new_ticket");
  const [roles, setRoles] = useState(() => Object.fromEntries(ROLES.map((k) => [k, rule?.recipients[k] ?? false])) as Record<(typeof ROLES)[number], boolean>);
  const [agents, setAgents] = useState<{ id: number; name: string }[]>(rule?.agents ?? []);
  const [groupIds, setGroupIds] = useState<number[]>(rule?.recipients.groupIds ?? []);
  const [channels, setChannels] = useState(rule?.channels ?? { email: true, app: true });
  const [queueIds, setQueueIds] = useState<number[]>(rule?.queueIds ?? []);
  const done = () => {
    void saved(tCommon(rule ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.notificationRuleCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.notificationRuleUpdate.mutationOptions({ onSuccess: done }));
  const active = rule ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const values = { name, event, recipients: { ...roles, groupIds, userIds: agents.map((a) => a.id) }, channels, queueIds };
  const queues = (options.data?.queues ?? []).filter((q) => q.valid || queueIds.includes(q.id));
  const groups = (options.data?.groups ?? []).filter((g) => g.valid || groupIds.includes(g.id));
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={rule ? t("editTitle", { name: rule.name }) : t("createTitle")}
      submitLabel={tCommon(rule ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (rule ? update.mutate({ id: rule.id, ...values }) : create.mutate(values))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label={t("fields.event")} required error={error?.fields.event}>
        <Select value={event} onChange={(e) => setEvent(e.target.value as NotificationEvent)}>
          {NOTIFICATION_EVENTS.map((x) => (
            <option key={x} value={x}>
              {LATER_EVENTS.includes(x) ? t("withSlas", { event: t(`events.${x}`) }) : t(`events.${x}`)}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t("fields.recipients")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {ROLES.map((k) => (
            <CheckboxField key={k} label={t(`recipients.${k}`)} checked={roles[k]} onChange={(on) => setRoles((r) => ({ ...r, [k]: on }))} />
          ))}
        </div>
        <div className="space-y-1">
          <p className="text-[13px] text-fg-muted">{t("groupsHint")}</p>
          <div className="max-h-32 space-y-1 overflow-y-auto rounded-md border border-border p-2" role="group" aria-label={t("fields.groups")}>
            {groups.map((g) => (
              <CheckboxField key={g.id} label={t("groupLabel", { name: g.name })} checked={groupIds.includes(g.id)} onChange={(on) => setGroupIds((list) => (on ? [...list, g.id] : list.filter((x) => x !== g.id)))} />
            ))}
          </div>
        </div>
        {agents.length > 0 && (
          <ul className="flex flex-wrap gap-2" aria-label={t("chosenAgents")}>
            {agents.map((a) => (
              <li key={a.id} className="flex items-center gap-1 rounded-full bg-surface-muted py-0.5 ps-2.5 pe-1 text-sm ring-1 ring-border">
                {a.name}
                <Button size="icon-sm" variant="ghost" aria-label={t("removeAgent", { name: a.name })} onClick={() => setAgents((list) => list.filter((x) => x.id !== a.id))}>
                  ×
                </Button>
              </li>
            ))}
          </ul>
        )}
        <AgentPicker label={t("addAgent")} chosen={agents.map((a) => a.id)} onAdd={(a: PickedAgent) => setAgents((list) => [...list, { id: a.id, name: a.name }])} />
        {(error?.fields["recipients.owner"] ?? error?.fields.recipients) && <p className="text-[13px] text-danger-text">{error?.fields["recipients.owner"] ?? error?.fields.recipients}</p>}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t("fields.channels")}</legend>
        <div className="flex gap-5">
          <CheckboxField label={t("channels.email")} checked={channels.email} onChange={(email) => setChannels((c) => ({ ...c, email }))} />
          <CheckboxField label={t("channels.app")} checked={channels.app} onChange={(app) => setChannels((c) => ({ ...c, app }))} />
        </div>
        {error?.fields["channels.email"] && <p className="text-[13px] text-danger-text">{error.fields["channels.email"]}</p>}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t("fields.queues")}</legend>
        <p className="text-[13px] text-fg-muted">{t("queuesHint")}</p>
        <div className="max-h-40 space-y-1 overflow-y-auto rounded-md border border-border p-2">
          {queues.map((q) => (
            <CheckboxField key={q.id} label={q.name} checked={queueIds.includes(q.id)} onChange={(on) => setQueueIds((list) => (on ? [...list, q.id] : list.filter((x) => x !== q.id)))} />
          ))}
        </div>
      </fieldset>
    </FormDialog>
  );
}
