"use client";

import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import type { PermissionType } from "@/server/schemas/admin-directory";
import { adminListInput } from "./list-input";
import { PermissionCheckboxes } from "./permissions";

export type GroupGrants = Record<number, PermissionType[]>;

/** The groups whose permission set differs between `initial` and `current`. */
export function changedGroups(initial: GroupGrants, current: GroupGrants): { groupId: number; permissions: PermissionType[] }[] {
  return Object.entries(current)
    .filter(([id, perms]) => (initial[Number(id)] ?? []).join() !== perms.join())
    .map(([id, permissions]) => ({ groupId: Number(id), permissions }));
}

/** Every group with the seven permission checkboxes, for a role's or an agent's direct permissions. */
export function GroupPermissionsEditor({ value, onChange, disabled }: { value: GroupGrants; onChange: (next: GroupGrants) => void; disabled?: boolean }) {
  const t = useTranslations("adminDirectory.permissions");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const [showAll, setShowAll] = useState(false);
  const groups = useInfiniteQuery(trpc.adminDirectory.groupList.infiniteQueryOptions(adminListInput("", "all"), { getNextPageParam: (last) => last.nextCursor }));
  const items = (groups.data?.pages.flatMap((p) => p.items) ?? []).filter((g) => showAll || g.valid || (value[g.id]?.length ?? 0) > 0);

  if (groups.isPending) return <Spinner label={tCommon("loading")} />;
  return (
    <div className="space-y-3">
      <Table caption={t("byGroupCaption")} captionHidden dense>
        <THead>
          <tr>
            <Th>{t("group")}</Th>
            <Th>{t("held")}</Th>
          </tr>
        </THead>
        <TBody>
          {items.map((group) => (
            <Tr key={group.id}>
              <Td className="font-medium whitespace-nowrap">
                {group.name}
                {!group.valid && <span className="ms-1.5 text-xs font-normal text-fg-subtle">({t("groupDisabled")})</span>}
              </Td>
              <Td>
                <PermissionCheckboxes
                  legend={t("permissionsIn", { group: group.name })}
                  value={value[group.id] ?? []}
                  onChange={(next) => onChange({ ...value, [group.id]: next })}
                  disabled={disabled}
                />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <div className="flex flex-wrap gap-2">
        {groups.hasNextPage && (
          <Button size="sm" variant="secondary" onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage}>
            {tCommon("loadMore")}
          </Button>
        )}
        <label className="inline-flex items-center gap-2 text-sm text-fg-muted">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} className="size-4 accent-accent" />
          {t("showDisabledGroups")}
        </label>
      </div>
    </div>
  );
}
