"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-directory/errors";
import { FormDialog } from "@/app/_components/admin-directory/form-dialog";
import { ConfigTable, ConfigToolbar, useListFilters } from "@/app/_components/admin-config/config-list";
import { useConfigSaved } from "@/app/_components/admin-config/use-config-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

type TicketType = RouterOutputs["adminConfig"]["typeList"]["items"][number];

export function TypesView() {
  const t = useTranslations("adminConfig.types");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const filters = useListFilters();
  const [editing, setEditing] = useState<TicketType | "new" | null>(null);
  const list = useInfiniteQuery({ ...trpc.adminConfig.typeList.infiniteQueryOptions(filters.input, { getNextPageParam: (last) => last.nextCursor }), placeholderData: keepPreviousData });
  return (
    <div className="space-y-4">
      <ConfigToolbar filters={filters} searchLabel={t("search")} newLabel={t("new")} onNew={() => setEditing("new")} />
      <ConfigTable
        query={list}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={setEditing}
        lifecycle={{ setValid: (i) => client.adminConfig.typeSetValid.mutate(i), remove: (i) => client.adminConfig.typeDelete.mutate(i) }}
        columns={[{ key: "name", header: t("columns.name"), cell: (x) => <span className="font-medium">{x.name}</span> }]}
      />
      {editing && <TypeForm type={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function TypeForm({ type, onClose }: { type?: TicketType; onClose: () => void }) {
  const t = useTranslations("adminConfig.types");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useConfigSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(type?.name ?? "");
  const done = () => {
    void saved(tCommon(type ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.typeCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.typeUpdate.mutationOptions({ onSuccess: done }));
  const active = type ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={type ? t("editTitle", { name: type.name }) : t("createTitle")}
      submitLabel={tCommon(type ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (type ? update.mutate({ id: type.id, name }) : create.mutate({ name }))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
    </FormDialog>
  );
}
