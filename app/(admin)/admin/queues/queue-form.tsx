"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { Textarea } from "@/app/_components/ui/textarea";
import { AUTO_RESPONSE_TYPES, FOLLOW_UP_RULES, UNVERIFIED_FOLLOW_UP_RULES, type AutoResponseType } from "@/server/schemas/admin-config";

type Queue = RouterOutputs["adminConfig"]["queueGet"];
type FollowUp = (typeof FOLLOW_UP_RULES)[number];
const NEXT_STATE_TYPES = ["open", "closed", "pending_reminder", "pending_auto"];

/** The edit form, once the queue's full record (texts, auto-responses) is loaded. */
export function EditQueue({ id, onClose }: { id: number; onClose: () => void }) {
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const queue = useQuery(trpc.adminConfig.queueGet.queryOptions({ id }));
  if (!queue.data) return queue.isPending ? <Spinner label={tCommon("loading")} /> : null;
  return <QueueForm queue={queue.data} parentId={queue.data.parentId} onClose={onClose} />;
}

export function QueueForm({ queue, parentId: initialParent, onClose }: { queue?: Queue; parentId: number | null; onClose: () => void }) {
  const t = useTranslations("adminConfig.queues");
  const tCommon = useTranslations("adminConfig.common");
  const tStates = useTranslations("states");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const tree = useQuery(trpc.adminConfig.queueTree.queryOptions({ status: "all" }));
  const o = options.data;
  const [name, setName] = useState(queue?.leafName ?? "");
  const [parentId, setParentId] = useState<number | null>(initialParent);
  const [groupId, setGroupId] = useState<number | null>(queue?.groupId ?? null);
  const [followUp, setFollowUp] = useState<FollowUp>(queue?.followUp ?? "reopen");
  const [unverifiedFollowUp, setUnverifiedFollowUp] = useState<(typeof UNVERIFIED_FOLLOW_UP_RULES)[number]>(queue?.unverifiedFollowUp ?? "unverified");
  const [defaultNextStateId, setNextState] = useState<number | null>(queue?.defaultNextStateId ?? null);
  const [calendarId, setCalendarId] = useState<number | null>(queue?.calendarId ?? null);
  const [salutationId, setSalutationId] = useState<number | null>(queue?.salutationId ?? null);
  const [signatureId, setSignatureId] = useState<number | null>(queue?.signatureId ?? null);
  const [systemAddressId, setSystemAddressId] = useState<number | null>(queue?.systemAddressId ?? null);
  const [slaId, setSlaId] = useState<number | null>(queue?.slaId ?? null);
  const [autoResponses, setAutoResponses] = useState<Record<AutoResponseType, number | null>>(queue?.autoResponses ?? { new_ticket: null, follow_up: null, reject: null });
  const [customerVisible, setCustomerVisible] = useState(queue?.customerVisible ?? true);
  const [customerMayChoosePriority, setMayChoose] = useState(queue?.customerMayChoosePriority ?? false);
  const [unlockTimeout, setUnlockTimeout] = useState(String(queue?.unlockTimeoutMinutes ?? 0));
  const [comment, setComment] = useState(queue?.comment ?? "");
  const done = () => {
    void saved(tCommon(queue ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.queueCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.queueUpdate.mutationOptions({ onSuccess: done }));
  const active = queue ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  // A queue cannot move under itself or anything below it.
  const below = new Set<number>(queue ? [queue.id] : []);
  for (const q of tree.data ?? []) if (q.parentId !== null && below.has(q.parentId)) below.add(q.id);
  const parents = (o?.queues ?? []).filter((q) => !below.has(q.id));
  const stateLabel = (name: string) => {
    const keys: Record<string, "open" | "closed_successful" | "closed_unsuccessful" | "pending_reminder" | "pending_auto_close_plus" | "pending_auto_close_minus"> = { open: "open", "closed successful": "closed_successful", "closed unsuccessful": "closed_unsuccessful", "pending reminder": "pending_reminder", "pending auto close+": "pending_auto_close_plus", "pending auto close-": "pending_auto_close_minus" };
    return keys[name] ? tStates(keys[name]) : name;
  };
  const values = {
    name,
    parentId,
    groupId: groupId ?? 0,
    followUp,
    unverifiedFollowUp,
    defaultNextStateId,
    calendarId,
    salutationId,
    signatureId,
    systemAddressId,
    slaId,
    autoResponses,
    customerVisible,
    customerMayChoosePriority,
    unlockTimeoutMinutes: Number(unlockTimeout) || 0,
    comment,
  };
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={queue ? t("editTitle", { name: queue.name }) : t("createTitle")}
      submitLabel={tCommon(queue ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (queue ? update.mutate({ id: queue.id, ...values }) : create.mutate(values))}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={tCommon("fields.name")} required error={error?.fields.name} hint={t("nameHint")}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field label={t("fields.parent")} optional error={error?.fields.parentId}>
          <RefSelect options={parents} value={parentId} onChange={setParentId} none={t("topLevel")} />
        </Field>
        <Field label={t("fields.group")} required error={error?.fields.groupId} hint={t("groupHint")}>
          <RefSelect options={o?.groups ?? []} value={groupId} onChange={setGroupId} placeholder={tCommon("choose")} />
        </Field>
        <Field label={t("fields.followUp")} required error={error?.fields.followUp} hint={t("followUpHint")}>
          <Select value={followUp} onChange={(e) => setFollowUp(e.target.value as FollowUp)}>
            {FOLLOW_UP_RULES.map((f) => (
              <option key={f} value={f}>
                {t(`followUp.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("fields.unverifiedFollowUp")} required error={error?.fields.unverifiedFollowUp} hint={t("unverifiedFollowUpHint")}>
          <Select value={unverifiedFollowUp} onChange={(e) => setUnverifiedFollowUp(e.target.value as (typeof UNVERIFIED_FOLLOW_UP_RULES)[number])}>
            {UNVERIFIED_FOLLOW_UP_RULES.map((f) => (
              <option key={f} value={f}>
                {t(`unverifiedFollowUp.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("fields.defaultNextState")} optional error={error?.fields.defaultNextStateId} hint={t("defaultNextStateHint")}>
          <RefSelect options={(o?.states ?? []).filter((s) => NEXT_STATE_TYPES.includes(s.type)).map((s) => ({ ...s, name: stateLabel(s.name) }))} value={defaultNextStateId} onChange={setNextState} none={t("nextStateOpen")} />
        </Field>
        <Field label={t("fields.calendar")} optional error={error?.fields.calendarId} hint={t("calendarHint")}>
          <RefSelect options={o?.calendars ?? []} value={calendarId} onChange={setCalendarId} none={tCommon("none")} />
        </Field>
        <Field label={t("fields.salutation")} optional error={error?.fields.salutationId}>
          <RefSelect options={o?.salutations ?? []} value={salutationId} onChange={setSalutationId} none={tCommon("none")} />
        </Field>
        <Field label={t("fields.signature")} optional error={error?.fields.signatureId}>
          <RefSelect options={o?.signatures ?? []} value={signatureId} onChange={setSignatureId} none={tCommon("none")} />
        </Field>
        <Field label={t("fields.systemAddress")} optional error={error?.fields.systemAddressId} hint={t("systemAddressHint")}>
          <RefSelect options={o?.systemAddresses ?? []} value={systemAddressId} onChange={setSystemAddressId} none={t("systemAddressDefault")} />
        </Field>
        <Field label={t("fields.sla")} optional error={error?.fields.slaId} hint={t("slaHint")}>
          <RefSelect options={o?.slas ?? []} value={slaId} onChange={setSlaId} none={tCommon("none")} />
        </Field>
        <Field label={t("fields.unlockTimeout")} error={error?.fields.unlockTimeoutMinutes} hint={t("unlockTimeoutHint")}>
          <Input type="number" inputMode="numeric" min={0} max={43200} value={unlockTimeout} onChange={(e) => setUnlockTimeout(e.target.value)} />
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">{t("fields.autoResponses")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {AUTO_RESPONSE_TYPES.map((type) => (
            <Field key={type} label={t(`autoResponse.${type}`)} optional>
              <RefSelect options={(o?.autoResponses ?? []).filter((a) => a.type === type)} value={autoResponses[type]} onChange={(v) => setAutoResponses((a) => ({ ...a, [type]: v }))} none={t("noAutoResponse")} />
            </Field>
          ))}
        </div>
      </fieldset>
      <CheckboxField label={t("fields.customerVisible")} hint={t("customerVisibleHint")} checked={customerVisible} onChange={setCustomerVisible} />
      <CheckboxField label={t("fields.customerMayChoosePriority")} hint={t("customerMayChoosePriorityHint")} checked={customerMayChoosePriority} onChange={setMayChoose} />
      <Field label={tCommon("fields.comment")} optional error={error?.fields.comment}>
        <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
      </Field>
    </FormDialog>
  );
}
