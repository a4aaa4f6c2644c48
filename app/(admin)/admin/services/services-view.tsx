"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";

type Service = RouterOutputs["adminConfig"]["serviceList"]["items"][number];

export function ServicesView() {
  const t = useTranslations("adminConfig.services");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.serviceList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.serviceSetValid.mutate(i), remove: (i) => client.adminConfig.serviceDelete.mutate(i) }}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (x) => (
              <div>
                <div className="font-medium">{x.name}</div>
                {x.comment && <div className="text-xs text-fg-muted">{x.comment}</div>}
              </div>
            ),
          },
          { key: "parent", header: t("columns.parent"), cell: (x) => x.parentName ?? "—" },
          { key: "visible", header: t("columns.customerVisible"), cell: (x) => tCommon(x.customerVisible ? "yes" : "no") },
        ]}
      />
      {list.dialog && <ServiceForm service={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function ServiceForm({ service, onClose }: { service?: Service; onClose: () => void }) {
  const t = useTranslations("adminConfig.services");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(service?.name ?? "");
  const [parentId, setParent] = useState<number | null>(service?.parentId ?? null);
  const [comment, setComment] = useState(service?.comment ?? "");
  const [customerVisible, setVisible] = useState(service?.customerVisible ?? true);
  const done = () => {
    void saved(tCommon(service ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.serviceCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.serviceUpdate.mutationOptions({ onSuccess: done }));
  const active = service ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const values = { name, parentId, comment, customerVisible };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={service ? t("editTitle", { name: service.name }) : t("createTitle")}
      submitLabel={tCommon(service ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (service ? update.mutate({ id: service.id, ...values }) : create.mutate(values))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label={t("fields.parent")} optional error={error?.fields.parentId}>
        <RefSelect options={(options.data?.services ?? []).filter((s) => s.id !== service?.id)} value={parentId} onChange={setParent} none={t("topLevel")} />
      </Field>
      <CheckboxField label={t("fields.customerVisible")} hint={t("customerVisibleHint")} checked={customerVisible} onChange={setVisible} />
      <Field label={tCommon("fields.comment")} optional error={error?.fields.comment}>
        <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
      </Field>
    </FormDialog>
  );
}
