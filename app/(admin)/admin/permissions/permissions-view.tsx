"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { matrixInput, adminListInput } from "@/app/_components/admin-kit/list-input";
import { PagedList, SearchField, Toolbar } from "@/app/_components/admin-kit/list-view";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { GroupEditor } from "./group-editor";
import { MatrixTable } from "./matrix-table";

/**
 * Who may do what where. Without a group: every queue × agent, read-only, effective permissions.
 * With a group: its roles' and agents' permissions as checkboxes that save as they change.
 */
export function PermissionsView({ initialGroupId }: { initialGroupId: number | null }) {
  const t = useTranslations("adminDirectory.permissions");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const [groupId, setGroupIdState] = useState<number | null>(initialGroupId);
  const [search, setSearch] = useState("");
  const groups = useQuery(trpc.adminDirectory.groupList.queryOptions({ ...adminListInput("", "all"), limit: 100 }));
  const input = matrixInput(useDebounced(search.trim()), groupId);
  const matrix = useInfiniteQuery({
    ...trpc.adminDirectory.permissionMatrix.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const queues = matrix.data?.pages[0]?.queues ?? [];
  const list = { ...matrix, data: matrix.data && { pages: matrix.data.pages.map((p) => ({ items: p.agents })) } };

  function setGroupId(id: number | null) {
    setGroupIdState(id);
    window.history.replaceState(null, "", id ? `?group=${id}` : window.location.pathname);
  }

  return (
    <div className="space-y-6">
      <Toolbar label={tDir("list.filters")}>
        <Field label={t("group")} className="w-60">
          <Select value={groupId ? String(groupId) : ""} onChange={(e) => setGroupId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t("allGroups")}</option>
            {groupId && !groups.data?.items.some((g) => g.id === groupId) && <option value={groupId}>#{groupId}</option>}
            {groups.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.valid ? g.name : `${g.name} (${tDir("status.disabled")})`}
              </option>
            ))}
          </Select>
        </Field>
        <SearchField label={t("searchAgents")} value={search} onChange={setSearch} />
      </Toolbar>
      {groupId && <GroupEditor groupId={groupId} />}
      <section aria-labelledby="matrix-title" className="space-y-3">
        <div>
          <h2 id="matrix-title" className="text-base font-semibold">
            {groupId ? t("agentsInGroup") : t("matrixTitle")}
          </h2>
          <p className="text-sm text-fg-muted">{groupId ? t("agentsInGroupHint") : t("matrixHint")}</p>
        </div>
        <PagedList query={list} empty={{ title: t("noAgents") }}>
          {(agents) => <MatrixTable agents={agents} queues={queues} groupId={groupId} onPickGroup={setGroupId} />}
        </PagedList>
      </section>
    </div>
  );
}
