"use client";

import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { EnabledBadge } from "@/app/_components/admin-directory/badges";
import { useAdminError } from "@/app/_components/admin-directory/errors";
import { ConfirmMutation, useSavedThen } from "@/app/_components/admin-directory/confirm-mutation";
import { FormDialog } from "@/app/_components/admin-directory/form-dialog";
import { namedListInput } from "@/app/_components/admin-directory/list-inputs";
import { PagedList, SearchField, Toolbar } from "@/app/_components/admin-directory/list-view";
import { useDebounced } from "@/app/_components/admin-directory/use-debounced";
import { useSaved } from "@/app/_components/admin-directory/use-saved";
import { ValidityFilter, type Validity } from "@/app/_components/admin-directory/validity-filter";
import { RowActions } from "@/app/_components/admin-directory/row-actions";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { Textarea } from "@/app/_components/ui/textarea";

type Company = RouterOutputs["adminDirectory"]["companyList"]["items"][number];
type Open = { kind: "create" } | { kind: "edit" | "disable"; company: Company } | null;

export function CompaniesView() {
  const t = useTranslations("adminDirectory.companies");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Validity>("all");
  const [open, setOpen] = useState<Open>(null);
  const input = namedListInput(useDebounced(search.trim()), status);
  const list = useInfiniteQuery({
    ...trpc.adminDirectory.companyList.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const enable = useMutation(trpc.adminDirectory.companySetValid.mutationOptions({ onSuccess: () => saved(t("enabledToast")) }));

  return (
    <div className="space-y-4">
      <Toolbar label={tDir("list.filters")}>
        <SearchField label={t("search")} value={search} onChange={setSearch} />
        <ValidityFilter value={status} onChange={setStatus} />
        <Button onClick={() => setOpen({ kind: "create" })}>{t("new")}</Button>
      </Toolbar>
      <PagedList query={list} empty={{ title: t("empty"), description: tDir("list.emptyHint") }}>
        {(items) => (
          <Table caption={t("caption")} captionHidden dense>
            <THead>
              <tr>
                <Th>{t("columns.name")}</Th>
                <Th className="hidden md:table-cell">{t("columns.number")}</Th>
                <Th className="hidden lg:table-cell">{t("columns.place")}</Th>
                <Th align="end">{t("columns.customers")}</Th>
                <Th>{tDir("columns.status")}</Th>
                <Th align="end">{tDir("columns.actions")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((company) => (
                <Tr key={company.id}>
                  <Td>
                    <div className="font-medium">{company.name}</div>
                    {company.comment && <div className="line-clamp-1 text-xs text-fg-muted">{company.comment}</div>}
                  </Td>
                  <Td className="hidden font-mono text-xs md:table-cell">{company.customerNumber}</Td>
                  <Td className="hidden text-fg-muted lg:table-cell">{[company.city, company.country].filter(Boolean).join(", ")}</Td>
                  <Td align="end" numeric>
                    {company.customerCount > 0 ? (
                      <Link className="text-accent-text hover:underline" href={`/admin/customers?company=${company.id}`}>
                        {company.customerCount}
                      </Link>
                    ) : (
                      0
                    )}
                  </Td>
                  <Td>
                    <EnabledBadge enabled={company.valid} />
                  </Td>
                  <Td align="end">
                    <RowActions
                      name={company.name}
                      enabled={company.valid}
                      onEdit={() => setOpen({ kind: "edit", company })}
                      onDisable={() => setOpen({ kind: "disable", company })}
                      onEnable={() => enable.mutate({ id: company.id, valid: true })}
                      enabling={enable.isPending && enable.variables?.id === company.id}
                    />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {open?.kind === "create" && <CompanyForm onClose={() => setOpen(null)} />}
      {open?.kind === "edit" && <CompanyForm company={open.company} onClose={() => setOpen(null)} />}
      {open?.kind === "disable" && <DisableCompany company={open.company} onClose={() => setOpen(null)} />}
    </div>
  );
}

const FIELDS = ["customerNumber", "street", "city", "country"] as const;

function CompanyForm({ company, onClose }: { company?: Company; onClose: () => void }) {
  const t = useTranslations("adminDirectory.companies");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [values, setValues] = useState({
    name: company?.name ?? "",
    customerNumber: company?.customerNumber ?? "",
    street: company?.street ?? "",
    city: company?.city ?? "",
    country: company?.country ?? "",
    comment: company?.comment ?? "",
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const done = () => {
    void saved(t(company ? "savedToast" : "createdToast"));
    onClose();
  };
  const create = useMutation(trpc.adminDirectory.companyCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminDirectory.companyUpdate.mutationOptions({ onSuccess: done }));
  const active = company ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={company ? t("editTitle", { name: company.name }) : t("createTitle")}
      submitLabel={company ? tDir("actions.save") : t("create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (company ? update.mutate({ id: company.id, ...values }) : create.mutate(values))}
    >
      <Field label={tDir("fields.name")} required error={error?.fields.name}>
        <Input value={values.name} onChange={(e) => set("name")(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((key) => (
          <Field key={key} label={t(`fields.${key}`)} optional error={error?.fields[key]}>
            <Input value={values[key]} onChange={(e) => set(key)(e.target.value)} maxLength={200} />
          </Field>
        ))}
      </div>
      <Field label={tDir("fields.comment")} optional error={error?.fields.comment}>
        <Textarea value={values.comment} onChange={(e) => set("comment")(e.target.value)} rows={2} maxLength={2000} />
      </Field>
    </FormDialog>
  );
}

function DisableCompany({ company, onClose }: { company: Company; onClose: () => void }) {
  const t = useTranslations("adminDirectory.companies");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const done = useSavedThen(onClose);
  const disable = useMutation(trpc.adminDirectory.companySetValid.mutationOptions({ onSuccess: done(t("disabledToast")) }));
  return (
    <ConfirmMutation
      mutation={disable}
      variables={{ id: company.id, valid: false }}
      onClose={onClose}
      title={t("disableTitle", { name: company.name })}
      description={t("disableDescription")}
      submitLabel={tDir("actions.disable")}
    />
  );
}
