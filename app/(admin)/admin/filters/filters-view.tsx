"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Badge } from "@/app/_components/ui/badge";
import { DryRun } from "./dry-run";
import { Conditions, SetSummary } from "./filter-parts";
import { FilterForm } from "./filter-form";

export type Filter = RouterOutputs["adminConfig"]["filterList"]["items"][number];

export function FiltersView() {
  const t = useTranslations("adminConfig.filters");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.filterList.infiniteQueryOptions(input, nextPage));
  // Loaded here so the form opens with its choices ready.
  useQuery(trpc.adminConfig.options.queryOptions());
  return (
    <div className="space-y-6">
      <div className="space-y-4">
        <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
        <AdminTable
          query={list.query}
          caption={t("title")}
          name={(x) => x.name}
          empty={{ title: t("empty") }}
          onEdit={(row) => list.open("edit", row)}
          lifecycle={{ setValid: (i) => client.adminConfig.filterSetValid.mutate(i), remove: (i) => client.adminConfig.filterDelete.mutate(i) }}
          columns={[
            { key: "position", header: t("columns.position"), cell: (x) => x.position, numeric: true },
            {
              key: "name",
              header: t("columns.name"),
              cell: (x) => (
                <div>
                  <div className="font-medium">{x.name}</div>
                  {x.stop && (
                    <Badge size="sm" tone="info">
                      {t("stops")}
                    </Badge>
                  )}
                </div>
              ),
            },
            { key: "match", header: t("columns.match"), cell: (x) => <Conditions conditions={x.match} /> },
            { key: "set", header: t("columns.set"), cell: (x) => <SetSummary names={x.setNames} /> },
          ]}
        />
      </div>
      <DryRun />
      {list.dialog && <FilterForm filter={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}
