"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

type TicketType = RouterOutputs["adminConfig"]["typeList"]["items"][number];

export function TypesView() {
  const t = useTranslations("adminConfig.types");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.typeList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.typeSetValid.mutate(i), remove: (i) => client.adminConfig.typeDelete.mutate(i) }}
        columns={[{ key: "name", header: t("columns.name"), cell: (x) => <span className="font-medium">{x.name}</span> }]}
      />
      {list.dialog && <TypeForm type={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function TypeForm({ type, onClose }: { type?: TicketType; onClose: () => void }) {
  const t = useTranslations("adminConfig.types");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const [name, setName] = useState(type?.name ?? "");
  const onSuccess = useSavedThen(onClose)(tCommon(type ? "savedToast" : "createdToast", { name }));
  const create = useMutation(trpc.adminConfig.typeCreate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.adminConfig.typeUpdate.mutationOptions({ onSuccess }));
  return (
    <FormDialog
      open
      onClose={onClose}
      title={type ? t("editTitle", { name: type.name }) : t("createTitle")}
      submitLabel={tCommon(type ? "actions.save" : "actions.create")}
      mutation={type ? update : create}
      onSubmit={() => (type ? update.mutate({ id: type.id, name }) : create.mutate({ name }))}
    >
      {(errors) => (
        <Field label={tCommon("fields.name")} required error={errors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
      )}
    </FormDialog>
  );
}
