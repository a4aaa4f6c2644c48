"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";

type Company = RouterOutputs["adminDirectory"]["companyList"]["items"][number];

export function CompaniesView() {
  const t = useTranslations("adminDirectory.companies");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminDirectory.companyList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("caption")}
        name={(c) => c.name}
        empty={{ title: t("empty"), description: tDir("list.emptyHint") }}
        onEdit={(c) => list.open("edit", c)}
        lifecycle={{
          setValid: (i) => client.adminDirectory.companySetValid.mutate(i),
          toast: (kind) => t(kind === "enabled" ? "enabledToast" : "disabledToast"),
          confirmText: (_kind, c) => ({ title: t("disableTitle", { name: c.name }), description: t("disableDescription") }),
        }}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (c) => (
              <>
                <div className="font-medium">{c.name}</div>
                {c.comment && <div className="line-clamp-1 text-xs text-fg-muted">{c.comment}</div>}
              </>
            ),
          },
          { key: "number", header: t("columns.number"), className: "hidden font-mono text-xs md:table-cell", cell: (c) => c.customerNumber },
          { key: "place", header: t("columns.place"), className: "hidden text-fg-muted lg:table-cell", cell: (c) => [c.city, c.country].filter(Boolean).join(", ") },
          {
            key: "customers",
            header: t("columns.customers"),
            align: "end",
            numeric: true,
            cell: (c) =>
              c.customerCount > 0 ? (
                <Link className="text-accent-text hover:underline" href={`/admin/customers?company=${c.id}`}>
                  {c.customerCount}
                </Link>
              ) : (
                0
              ),
          },
        ]}
      />
      {list.dialog && <CompanyForm company={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

const FIELDS = ["customerNumber", "street", "city", "country"] as const;

function CompanyForm({ company, onClose }: { company?: Company; onClose: () => void }) {
  const t = useTranslations("adminDirectory.companies");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const [values, setValues] = useState({
    name: company?.name ?? "",
    customerNumber: company?.customerNumber ?? "",
    street: company?.street ?? "",
    city: company?.city ?? "",
    country: company?.country ?? "",
    comment: company?.comment ?? "",
  });
  const [slaId, setSlaId] = useState<number | null>(company?.slaId ?? null);
  const slas = useQuery(trpc.adminSla.slaOptions.queryOptions());
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const onSuccess = useSavedThen(onClose)(t(company ? "savedToast" : "createdToast"));
  const create = useMutation(trpc.adminDirectory.companyCreate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.adminDirectory.companyUpdate.mutationOptions({ onSuccess }));
  return (
    <FormDialog
      open
      onClose={onClose}
      title={company ? t("editTitle", { name: company.name }) : t("createTitle")}
      submitLabel={company ? tDir("actions.save") : t("create")}
      mutation={company ? update : create}
      onSubmit={() => (company ? update.mutate({ id: company.id, ...values, slaId }) : create.mutate({ ...values, slaId }))}
    >
      {(errors) => (
        <>
      <Field label={tDir("fields.name")} required error={errors.name}>
        <Input value={values.name} onChange={(e) => set("name")(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((key) => (
          <Field key={key} label={t(`fields.${key}`)} optional error={errors[key]}>
            <Input value={values[key]} onChange={(e) => set(key)(e.target.value)} maxLength={200} />
          </Field>
        ))}
      </div>
      <Field label={t("fields.sla")} optional error={errors.slaId} hint={t("slaHint")}>
        <RefSelect options={slas.data ?? []} value={slaId} onChange={setSlaId} none={t("noSla")} />
      </Field>
      <Field label={tDir("fields.comment")} optional error={errors.comment}>
        <Textarea value={values.comment} onChange={(e) => set("comment")(e.target.value)} rows={2} maxLength={2000} />
      </Field>
        </>
      )}
    </FormDialog>
  );
}
