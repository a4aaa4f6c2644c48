"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { CustomerStatusBadge } from "@/app/_components/admin-kit/badges";
import { CompanySelect } from "@/app/_components/admin-kit/company-select";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { PasswordDialog } from "@/app/_components/admin-kit/password-dialog";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { StatusFilter } from "@/app/_components/admin-kit/validity-filter";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { useToast } from "@/app/_components/ui/toast";
import { CUSTOMER_STATUS } from "@/server/schemas/admin-directory";
import { CustomerForm, MergeDialog } from "./customer-dialogs";

type Status = (typeof CUSTOMER_STATUS)[number];

export function CustomersView({ initialCompanyId, initialStatus }: { initialCompanyId: number | null; initialStatus: Status }) {
  const t = useTranslations("adminDirectory.customers");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const saved = useSaved();
  const errorOf = useAdminError();
  const { toast } = useToast();
  const list = useAdminList((input) => trpc.adminDirectory.customerList.infiniteQueryOptions(input, nextPage), { status: initialStatus, extra: { companyId: initialCompanyId } });
  const approve = useMutation(trpc.adminDirectory.customerApprove.mutationOptions({ onSuccess: () => saved(t("approvedToast")), onError: (e) => toast({ title: errorOf(e).message, tone: "danger" }) }));
  const [editing, password, merge] = [list.rowFor("edit"), list.rowFor("password"), list.rowFor("merge")];
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} status={<StatusFilter value={list.status} onChange={list.setStatus} statuses={CUSTOMER_STATUS} />}>
        <Field label={t("companyFilter")} className="w-52">
          <CompanySelect value={list.extra.companyId} onChange={(id) => list.filter("companyId", id)} emptyLabel={t("anyCompany")} />
        </Field>
      </AdminToolbar>
      <AdminTable
        query={list.query}
        caption={t("caption")}
        name={(c) => c.name}
        enabled={(c) => c.enabled}
        status={(c) => <CustomerStatusBadge enabled={c.enabled} approved={c.approved} />}
        empty={{ title: t("empty"), description: tDir("list.emptyHint") }}
        onEdit={(c) => list.open("edit", c)}
        lifecycle={{
          setEnabled: (i) => client.adminDirectory.customerSetEnabled.mutate(i),
          toast: (kind) => t(kind === "enabled" ? "enabledToast" : "disabledToast"),
          confirmText: (_kind, c) => ({ title: t("disableTitle", { name: c.name }), description: t("disableDescription") }),
        }}
        leading={(c) =>
          !c.approved &&
          c.enabled && (
            <Button size="sm" variant="secondary" loading={approve.isPending && approve.variables?.id === c.id} onClick={() => approve.mutate({ id: c.id })}>
              {t("approve")}
            </Button>
          )
        }
        extraActions={(c) =>
          (["password", "merge"] as const).map((kind) => (
            <Button key={kind} size="sm" variant="ghost" onClick={() => list.open(kind, c)}>
              {t(kind)}
            </Button>
          ))
        }
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (c) => (
              <>
                <div className="font-medium">{c.name}</div>
                <div className="text-xs text-fg-muted">{c.email}</div>
              </>
            ),
          },
          {
            key: "company",
            header: t("columns.company"),
            className: "hidden md:table-cell",
            cell: (c) => (
              <>
                {c.companyName ?? <span className="text-fg-subtle">—</span>}
                {c.seesCompanyTickets && <div className="text-xs text-fg-muted">{t("seesCompanyTickets")}</div>}
              </>
            ),
          },
          { key: "queue", header: t("columns.defaultQueue"), className: "hidden md:table-cell", cell: (c) => c.defaultQueueName ?? <span className="text-fg-subtle">—</span> },
          { key: "created", header: t("columns.created"), className: "hidden text-fg-muted lg:table-cell", cell: (c) => <RelativeTime value={c.createdAt} /> },
        ]}
      />
      {(list.dialog?.kind === "new" || editing) && <CustomerForm customer={editing ?? undefined} onClose={list.close} />}
      {password && <PasswordDialog kind="customer" user={password} onClose={list.close} />}
      {merge && <MergeDialog duplicate={merge} onClose={list.close} />}
    </div>
  );
}
