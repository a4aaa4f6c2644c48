"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ChosenAgents } from "@/app/_components/admin-kit/agent-picker";
import { CheckboxField, CheckboxGroup, IdChecklist } from "@/app/_components/admin-kit/checkbox-field";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/server/schemas/admin-config";

export type Rule = RouterOutputs["adminConfig"]["notificationRuleList"]["items"][number];
export const ROLES = ["owner", "responsible", "queueSubscribers"] as const;

export function RuleForm({ rule, onClose }: { rule?: Rule; onClose: () => void }) {
  const t = useTranslations("adminConfig.notificationRules");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [v, setValues] = useState(() => ({
    name: rule?.name ?? "",
    event: (rule?.event as NotificationEvent | undefined) ?? "new_ticket",
    roles: Object.fromEntries(ROLES.map((k) => [k, rule?.recipients[k] ?? false])) as Record<(typeof ROLES)[number], boolean>,
    groupIds: rule?.recipients.groupIds ?? [],
    agents: rule?.agents ?? [],
    channels: rule?.channels ?? { email: true, app: true },
    queueIds: rule?.queueIds ?? [],
  }));
  const set = (patch: Partial<typeof v>) => setValues((current) => ({ ...current, ...patch }));
  const onSuccess = useSavedThen(onClose)(tCommon(rule ? "savedToast" : "createdToast", { name: v.name }));
  const create = useMutation(trpc.adminConfig.notificationRuleCreate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.adminConfig.notificationRuleUpdate.mutationOptions({ onSuccess }));
  const values = { name: v.name, event: v.event, recipients: { ...v.roles, groupIds: v.groupIds, userIds: v.agents.map((a) => a.id) }, channels: v.channels, queueIds: v.queueIds };
  // Disabled queues and groups stay listed while the rule still names them, so saving keeps them.
  const queues = (options.data?.queues ?? []).filter((q) => q.valid || v.queueIds.includes(q.id));
  const groups = (options.data?.groups ?? []).filter((g) => g.valid || v.groupIds.includes(g.id)).map((g) => ({ id: g.id, name: t("groupLabel", { name: g.name }) }));
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={rule ? t("editTitle", { name: rule.name }) : t("createTitle")}
      submitLabel={tCommon(rule ? "actions.save" : "actions.create")}
      mutation={rule ? update : create}
      onSubmit={() => (rule ? update.mutate({ id: rule.id, ...values }) : create.mutate(values))}
    >
      {(errors) => (
        <>
          <Field label={tCommon("fields.name")} required error={errors.name}>
            <Input value={v.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} autoFocus />
          </Field>
          <Field label={t("fields.event")} required error={errors.event}>
            <Select value={v.event} onChange={(e) => set({ event: e.target.value as NotificationEvent })}>
              {NOTIFICATION_EVENTS.map((x) => (
                <option key={x} value={x}>
                  {t(`events.${x}`)}
                </option>
              ))}
            </Select>
          </Field>
          <CheckboxGroup legend={t("fields.recipients")} error={errors["recipients.owner"] ?? errors.recipients}>
            <div className="grid gap-2 sm:grid-cols-2">
              {ROLES.map((k) => (
                <CheckboxField key={k} label={t(`recipients.${k}`)} checked={v.roles[k]} onChange={(on) => set({ roles: { ...v.roles, [k]: on } })} />
              ))}
            </div>
            <p className="text-[13px] text-fg-muted">{t("groupsHint")}</p>
            <IdChecklist label={t("fields.groups")} items={groups} chosen={v.groupIds} onChange={(groupIds) => set({ groupIds })} />
            <ChosenAgents agents={v.agents} onChange={(agents) => set({ agents })} label={t("addAgent")} listLabel={t("chosenAgents")} removeLabel={(name) => t("removeAgent", { name })} />
          </CheckboxGroup>
          <CheckboxGroup legend={t("fields.channels")} error={errors["channels.email"] ?? errors.channels}>
            <div className="flex gap-5">
              <CheckboxField label={t("channels.email")} checked={v.channels.email} onChange={(email) => set({ channels: { ...v.channels, email } })} />
              <CheckboxField label={t("channels.app")} checked={v.channels.app} onChange={(app) => set({ channels: { ...v.channels, app } })} />
            </div>
          </CheckboxGroup>
          <CheckboxGroup legend={t("fields.queues")} hint={t("queuesHint")} error={errors.queueIds}>
            <IdChecklist items={queues} chosen={v.queueIds} onChange={(queueIds) => set({ queueIds })} />
          </CheckboxGroup>
        </>
      )}
    </FormDialog>
  );
}
