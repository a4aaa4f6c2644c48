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
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

type Address = RouterOutputs["adminConfig"]["systemAddressList"]["items"][number];

export function SystemAddressesView() {
  const t = useTranslations("adminConfig.systemAddresses");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.systemAddressList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.address}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.systemAddressSetValid.mutate(i), remove: (i) => client.adminConfig.systemAddressDelete.mutate(i) }}
        columns={[
          { key: "address", header: t("columns.address"), cell: (x) => <span className="font-medium">{x.address}</span> },
          { key: "displayName", header: t("columns.displayName"), cell: (x) => x.displayName },
          { key: "queue", header: t("columns.queue"), cell: (x) => x.queueName },
        ]}
      />
      {list.dialog && <AddressForm address={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function AddressForm({ address: current, onClose }: { address?: Address; onClose: () => void }) {
  const t = useTranslations("adminConfig.systemAddresses");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [address, setAddress] = useState(current?.address ?? "");
  const [displayName, setDisplayName] = useState(current?.displayName ?? "");
  const [queueId, setQueueId] = useState<number | null>(current?.queueId ?? null);
  const done = () => {
    void saved(tCommon(current ? "savedToast" : "createdToast", { name: address }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.systemAddressCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.systemAddressUpdate.mutationOptions({ onSuccess: done }));
  const active = current ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const values = { address, displayName, queueId: queueId ?? 0 };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={current ? t("editTitle", { name: current.address }) : t("createTitle")}
      submitLabel={tCommon(current ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (current ? update.mutate({ id: current.id, ...values }) : create.mutate(values))}
    >
      <Field label={t("fields.address")} required error={error?.fields.address}>
        <Input type="email" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={254} autoComplete="off" autoFocus />
      </Field>
      <Field label={t("fields.displayName")} required error={error?.fields.displayName}>
        <Input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={200} />
      </Field>
      <Field label={t("fields.queue")} required error={error?.fields.queueId} hint={t("queueHint")}>
        <RefSelect options={options.data?.queues ?? []} value={queueId} onChange={setQueueId} placeholder={tCommon("choose")} />
      </Field>
    </FormDialog>
  );
}
