"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useStateLabel } from "@/app/_components/tickets/state-badge";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Badge } from "@/app/_components/ui/badge";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { STATE_TYPES, type StateType } from "@/server/schemas/admin-config";

type State = RouterOutputs["adminConfig"]["stateList"]["items"][number];

export function StatesView() {
  const t = useTranslations("adminConfig.states");
  const tTypes = useTranslations("states.types");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const label = useStateLabel();
  const list = useAdminList((input) => trpc.adminConfig.stateList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(s) => s.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.stateSetValid.mutate(i), remove: (i) => client.adminConfig.stateDelete.mutate(i) }}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (s) => (
              <span className="flex items-center gap-2">
                <span className="font-medium">{label(s.name)}</span>
                {s.required && (
                  <Badge size="sm" tone="info">
                    {t("builtIn")}
                  </Badge>
                )}
              </span>
            ),
          },
          { key: "type", header: t("columns.type"), cell: (s) => tTypes(s.type) },
          { key: "next", header: t("columns.next"), cell: (s) => (s.nextStateName ? label(s.nextStateName) : "—") },
          { key: "comment", header: t("columns.comment"), cell: (s) => <span className="text-fg-muted">{s.comment}</span> },
        ]}
      />
      {list.dialog && <StateForm state={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function StateForm({ state, onClose }: { state?: State; onClose: () => void }) {
  const t = useTranslations("adminConfig.states");
  const tCommon = useTranslations("adminConfig.common");
  const tTypes = useTranslations("states.types");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(state?.name ?? "");
  const [type, setType] = useState<StateType>(state?.type ?? "open");
  const [nextStateId, setNext] = useState<number | null>(state?.nextStateId ?? null);
  const [comment, setComment] = useState(state?.comment ?? "");
  const done = () => {
    void saved(state ? tCommon("savedToast", { name }) : tCommon("createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.stateCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.stateUpdate.mutationOptions({ onSuccess: done }));
  const active = state ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const locked = state?.required ?? false;
  const values = { name, type, nextStateId: type === "pending_auto" ? nextStateId : null, comment };
  const nextChoices = (options.data?.states ?? []).filter((s) => (s.type === "open" || s.type === "closed") && s.id !== state?.id);
  return (
    <FormDialog
      open
      onClose={onClose}
      title={state ? t("editTitle", { name: state.name }) : t("createTitle")}
      submitLabel={state ? tCommon("actions.save") : tCommon("actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (state ? update.mutate({ id: state.id, ...values }) : create.mutate(values))}
    >
      {locked && <p className="text-sm text-fg-muted">{t("builtInHint")}</p>}
      <Field label={tCommon("fields.name")} required error={error?.fields.name} hint={t("nameHint")}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} readOnly={locked} autoFocus={!locked} />
      </Field>
      <Field label={t("fields.type")} required error={error?.fields.type} hint={t("typeHint")}>
        <Select value={type} onChange={(e) => setType(e.target.value as StateType)} disabled={locked}>
          {STATE_TYPES.map((st) => (
            <option key={st} value={st}>
              {tTypes(st)}
            </option>
          ))}
        </Select>
      </Field>
      {type === "pending_auto" && (
        <Field label={t("fields.next")} required error={error?.fields.nextStateId} hint={t("nextHint")}>
          <RefSelect options={nextChoices} value={nextStateId} onChange={setNext} placeholder={tCommon("choose")} />
        </Field>
      )}
      <Field label={tCommon("fields.comment")} optional error={error?.fields.comment}>
        <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} autoFocus={locked} />
      </Field>
    </FormDialog>
  );
}
