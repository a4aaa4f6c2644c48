"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CustomerStatusBadge } from "@/app/_components/admin-kit/badges";
import { CompanySelect } from "@/app/_components/admin-kit/company-select";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { adminListInput } from "@/app/_components/admin-kit/list-input";
import { PagedList, SearchField, Toolbar } from "@/app/_components/admin-kit/list-view";
import { PasswordDialog } from "@/app/_components/admin-kit/password-dialog";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { RowActions } from "@/app/_components/admin-kit/row-actions";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import type { CUSTOMER_STATUS } from "@/server/schemas/admin-directory";
import { CustomerForm, DisableCustomer, MergeDialog, type Customer } from "./customer-dialogs";

type Status = (typeof CUSTOMER_STATUS)[number];
type Open = { kind: "create" } | { kind: "edit" | "password" | "merge" | "disable"; customer: Customer } | null;

export function CustomersView({ initialCompanyId, initialStatus }: { initialCompanyId: number | null; initialStatus: Status }) {
  const t = useTranslations("adminDirectory.customers");
  const tDir = useTranslations("adminDirectory");
  const tStatus = useTranslations("adminDirectory.status");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>(initialStatus);
  const [companyId, setCompanyId] = useState<number | null>(initialCompanyId);
  const [open, setOpen] = useState<Open>(null);
  const input = customerListInput(useDebounced(search.trim()), status, companyId);
  const list = useInfiniteQuery({
    ...trpc.adminDirectory.customerList.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const enable = useMutation(trpc.adminDirectory.customerSetEnabled.mutationOptions({ onSuccess: () => saved(t("enabledToast")) }));
  const approve = useMutation(trpc.adminDirectory.customerApprove.mutationOptions({ onSuccess: () => saved(t("approvedToast")) }));
  const rowError = enable.error ?? approve.error;
  const close = () => setOpen(null);

  return (
    <div className="space-y-4">
      <Toolbar label={tDir("list.filters")}>
        <SearchField label={t("search")} value={search} onChange={setSearch} />
        <Field label={tStatus("label")} className="w-44">
          <Select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="all">{tStatus("all")}</option>
            <option value="enabled">{tStatus("enabled")}</option>
            <option value="pending">{tStatus("pending")}</option>
            <option value="disabled">{tStatus("disabled")}</option>
          </Select>
        </Field>
        <Field label={t("companyFilter")} className="w-52">
          <CompanySelect value={companyId} onChange={setCompanyId} emptyLabel={t("anyCompany")} />
        </Field>
        <Button onClick={() => setOpen({ kind: "create" })}>{t("new")}</Button>
      </Toolbar>
      {rowError && <Alert tone="danger">{errorOf(rowError).message}</Alert>}
      <PagedList query={list} empty={{ title: t("empty"), description: tDir("list.emptyHint") }}>
        {(items) => (
          <Table caption={t("caption")} captionHidden dense>
            <THead>
              <tr>
                <Th>{t("columns.name")}</Th>
                <Th className="hidden md:table-cell">{t("columns.company")}</Th>
                <Th>{tDir("columns.status")}</Th>
                <Th className="hidden lg:table-cell">{t("columns.created")}</Th>
                <Th align="end">{tDir("columns.actions")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((customer) => (
                <Tr key={customer.id}>
                  <Td>
                    <div className="font-medium">{customer.name}</div>
                    <div className="text-xs text-fg-muted">{customer.email}</div>
                  </Td>
                  <Td className="hidden md:table-cell">
                    {customer.companyName ?? <span className="text-fg-subtle">—</span>}
                    {customer.seesCompanyTickets && <div className="text-xs text-fg-muted">{t("seesCompanyTickets")}</div>}
                  </Td>
                  <Td>
                    <CustomerStatusBadge enabled={customer.enabled} approved={customer.approved} />
                  </Td>
                  <Td className="hidden text-fg-muted lg:table-cell">
                    <RelativeTime value={customer.createdAt} />
                  </Td>
                  <Td align="end">
                    <RowActions
                      name={customer.name}
                      enabled={customer.enabled}
                      onEdit={() => setOpen({ kind: "edit", customer })}
                      onDisable={() => setOpen({ kind: "disable", customer })}
                      onEnable={() => enable.mutate({ id: customer.id, enabled: true })}
                      enabling={enable.isPending && enable.variables?.id === customer.id}
                      leading={
                        !customer.approved &&
                        customer.enabled && (
                          <Button size="sm" variant="secondary" loading={approve.isPending && approve.variables?.id === customer.id} onClick={() => approve.mutate({ id: customer.id })}>
                            {t("approve")}
                          </Button>
                        )
                      }
                    >
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "password", customer })}>
                        {t("password")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "merge", customer })}>
                        {t("merge")}
                      </Button>
                    </RowActions>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {open?.kind === "create" && <CustomerForm onClose={close} />}
      {open?.kind === "edit" && <CustomerForm customer={open.customer} onClose={close} />}
      {open?.kind === "password" && <PasswordDialog kind="customer" user={open.customer} onClose={close} />}
      {open?.kind === "merge" && <MergeDialog duplicate={open.customer} onClose={close} />}
      {open?.kind === "disable" && <DisableCustomer customer={open.customer} onClose={close} />}
    </div>
  );
}
