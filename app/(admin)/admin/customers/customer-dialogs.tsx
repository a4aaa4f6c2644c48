"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CompanySelect } from "@/app/_components/admin-kit/company-select";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { adminListInput } from "@/app/_components/admin-kit/list-input";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Spinner } from "@/app/_components/ui/spinner";

export type Customer = RouterOutputs["adminDirectory"]["customerList"]["items"][number];

export function CustomerForm({ customer, onClose }: { customer?: Customer; onClose: () => void }) {
  const t = useTranslations("adminDirectory.customers");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(customer?.name ?? "");
  const [email, setEmail] = useState(customer?.email ?? "");
  const [phone, setPhone] = useState(customer?.phone ?? "");
  const [companyId, setCompanyId] = useState<number | null>(customer?.companyId ?? null);
  const [seesCompanyTickets, setSees] = useState(customer?.seesCompanyTickets ?? false);
  const [defaultQueueId, setDefaultQueueId] = useState<number | null>(customer?.defaultQueueId ?? null);
  const [password, setPassword] = useState("");
  const onSuccess = useSavedThen(onClose)(t(customer ? "savedToast" : "createdToast"));
  const create = useMutation(trpc.adminDirectory.customerCreate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.adminDirectory.customerUpdate.mutationOptions({ onSuccess }));
  const fields = { name, email, phone, companyId, seesCompanyTickets: companyId ? seesCompanyTickets : false, defaultQueueId };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={customer ? t("editTitle", { name: customer.name }) : t("createTitle")}
      submitLabel={customer ? tDir("actions.save") : t("create")}
      mutation={customer ? update : create}
      onSubmit={() => (customer ? update.mutate({ id: customer.id, ...fields }) : create.mutate({ ...fields, ...(password ? { password } : {}) }))}
    >
      {(errors) => (
        <>
      <Field label={tDir("fields.name")} required error={errors.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" autoFocus />
      </Field>
      <Field label={tDir("fields.email")} required error={errors.email}>
        <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="off" />
      </Field>
      <Field label={t("fields.phone")} optional error={errors.phone}>
        <Input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={50} autoComplete="off" />
      </Field>
      <Field label={t("fields.company")} optional error={errors.companyId}>
        <CompanySelect value={companyId} onChange={setCompanyId} emptyLabel={t("noCompany")} current={customer?.companyId ? { id: customer.companyId, name: customer.companyName ?? "" } : null} />
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 size-4 accent-accent" checked={companyId ? seesCompanyTickets : false} disabled={!companyId} onChange={(e) => setSees(e.target.checked)} />
        <span>
          <span className="font-medium">{t("fields.seesCompanyTickets")}</span>
          <span className="block text-fg-muted">{t("fields.seesCompanyTicketsHint")}</span>
        </span>
      </label>
      <Field label={t("fields.defaultQueue")} optional hint={t("fields.defaultQueueHint")} error={errors.defaultQueueId}>
        <RefSelect options={options.data?.queues ?? []} value={defaultQueueId} onChange={setDefaultQueueId} none={t("noDefaultQueue")} />
      </Field>
      {!customer && (
        <Field label={t("fields.password")} optional hint={t("fields.passwordHint")} error={errors.password}>
          <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" maxLength={200} />
        </Field>
      )}
        </>
      )}
    </FormDialog>
  );
}

/** Finds the customer to keep, then merges `duplicate` into it. */
export function MergeDialog({ duplicate, onClose }: { duplicate: Customer; onClose: () => void }) {
  const t = useTranslations("adminDirectory.customers");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [search, setSearch] = useState("");
  const [target, setTarget] = useState<Customer | null>(null);
  const [needTarget, setNeedTarget] = useState(false);
  const term = useDebounced(search.trim());
  const found = useQuery({ ...trpc.adminDirectory.customerList.queryOptions({ ...adminListInput(term, "enabled", { companyId: null }), limit: 8 }), enabled: term.length > 0 });
  const candidates = (found.data?.items ?? []).filter((c) => c.id !== duplicate.id);
  const merge = useMutation(
    trpc.adminDirectory.customerMerge.mutationOptions({
      onSuccess: (r) => {
        void saved(t("mergedToast", { tickets: r.tickets }));
        onClose();
      },
    }),
  );
  const error = merge.error ? errorOf(merge.error) : null;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t("mergeTitle", { name: duplicate.name })}
      description={t("mergeDescription", { email: duplicate.email })}
      submitLabel={t("mergeSubmit")}
      tone="danger"
      pending={merge.isPending}
      error={error ?? (needTarget && !target ? { message: t("chooseTarget"), fields: {} } : null)}
      onSubmit={() => {
        setNeedTarget(!target);
        if (target) merge.mutate({ duplicateId: duplicate.id, targetId: target.id });
      }}
    >
      <Field label={t("mergeSearch")} hint={t("mergeSearchHint")}>
        <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" autoFocus />
      </Field>
      {term && found.isFetching && <Spinner size="sm" label={tCommon("loading")} />}
      {term && found.isSuccess && candidates.length === 0 && <p className="text-sm text-fg-muted">{t("mergeNoMatch")}</p>}
      {candidates.length > 0 && (
        <fieldset>
          <legend className="sr-only">{t("mergeTarget")}</legend>
          <ul className="divide-y divide-border rounded-md border border-border">
            {candidates.map((c) => (
              <li key={c.id}>
                <label className="flex cursor-pointer items-center gap-3 px-3 py-2">
                  <input type="radio" name="merge-target" className="size-4 accent-accent" checked={target?.id === c.id} onChange={() => setTarget(c)} />
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{c.name}</span>
                    <span className="block truncate text-xs text-fg-muted">
                      {c.email}
                      {c.companyName ? ` · ${c.companyName}` : ""}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {target && <Alert tone="warning">{t("mergeConsequence", { duplicate: duplicate.email, target: target.email })}</Alert>}
    </FormDialog>
  );
}
