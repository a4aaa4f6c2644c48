"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { AutoSavePermissions, PermissionList } from "@/app/_components/admin-kit/permissions";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";

type Matrix = RouterOutputs["adminDirectory"]["permissionMatrix"];
type MatrixAgent = Matrix["agents"][number];
type Cell = MatrixAgent["groups"][number];

const EMPTY: Cell = { direct: [], viaRoles: [], effective: [] };

export function MatrixTable({ agents, queues, groupId, onPickGroup }: { agents: MatrixAgent[]; queues: Matrix["queues"]; groupId: number | null; onPickGroup: (id: number) => void }) {
  return groupId ? <GroupRows agents={agents} groupId={groupId} /> : <Overview agents={agents} queues={queues} onPickGroup={onPickGroup} />;
}

/** Queues across, agents down; each cell is what the agent may do in that queue now. */
function Overview({ agents, queues, onPickGroup }: { agents: MatrixAgent[]; queues: Matrix["queues"]; onPickGroup: (id: number) => void }) {
  const t = useTranslations("adminDirectory.permissions");
  const describe = useDescribeCell();
  if (queues.length === 0) return <p className="text-sm text-fg-muted">{t("noQueues")}</p>;
  return (
    <Table caption={t("matrixCaption")} captionHidden dense>
      <THead>
        <tr>
          <Th className="sticky start-0 z-10 bg-surface-muted">{t("agent")}</Th>
          {queues.map((q) => (
            <Th key={q.id} className="align-bottom">
              <div className={q.valid ? undefined : "line-through"}>{q.name}</div>
              <Button size="sm" variant="ghost" className="-ms-2 h-6 px-2 text-xs font-normal" onClick={() => onPickGroup(q.groupId)} aria-label={t("editGroupNamed", { group: q.groupName })}>
                {q.groupName}
              </Button>
            </Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {agents.map((agent) => (
          <Tr key={agent.id}>
            <Th scope="row" className="sticky start-0 z-10 h-auto bg-surface py-2 font-medium text-fg">
              <span className={agent.enabled ? undefined : "text-fg-subtle line-through"}>{agent.name}</span>
            </Th>
            {queues.map((q) => {
              const cell = agent.groups[q.groupId] ?? EMPTY;
              const viaRoleOnly = cell.effective.length > 0 && cell.direct.length === 0;
              return (
                <Td key={q.id} title={describe(cell)} className="whitespace-nowrap">
                  <PermissionList value={cell.effective} className={viaRoleOnly ? "italic" : undefined} />
                  {cell.viaRoles.some((r) => r.permissions.length > 0) && <span className="ms-1 text-[10px] text-fg-subtle">{t("roleMark")}</span>}
                  <span className="sr-only">{describe(cell)}</span>
                </Td>
              );
            })}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** One group: agents' direct permissions as checkboxes (saved on change), what roles add, and the result. */
function GroupRows({ agents, groupId }: { agents: MatrixAgent[]; groupId: number }) {
  const t = useTranslations("adminDirectory.permissions");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const save = useMutation(trpc.adminDirectory.agentSetGroupPermissions.mutationOptions({ onSuccess: () => saved(t("savedToast")) }));
  return (
    <div className="space-y-3">
      {save.error && <Alert tone="danger">{errorOf(save.error).message}</Alert>}
      <Table caption={t("agentsCaption")} captionHidden dense>
        <THead>
          <tr>
            <Th>{t("agent")}</Th>
            <Th>{t("direct")}</Th>
            <Th>{t("viaRoles")}</Th>
            <Th>{t("effective")}</Th>
          </tr>
        </THead>
        <TBody>
          {agents.map((agent) => {
            const cell = agent.groups[groupId] ?? EMPTY;
            return (
              <Tr key={agent.id}>
                <Td>
                  <div className={agent.enabled ? "font-medium" : "font-medium text-fg-subtle line-through"}>{agent.name}</div>
                  <div className="text-xs text-fg-muted">{agent.email}</div>
                </Td>
                <Td>
                  <AutoSavePermissions
                    legend={t("directFor", { name: agent.name })}
                    value={cell.direct}
                    save={(permissions) => save.mutateAsync({ userId: agent.id, groupId, permissions })}
                  />
                </Td>
                <Td className="text-sm">
                  {cell.viaRoles.length === 0 ? (
                    <span className="text-fg-subtle">—</span>
                  ) : (
                    cell.viaRoles.map((r) => (
                      <div key={r.roleId} className={r.roleValid ? undefined : "text-fg-subtle line-through"}>
                        {r.roleName}: <PermissionList value={r.permissions} />
                      </div>
                    ))
                  )}
                </Td>
                <Td>
                  <PermissionList value={cell.effective} />
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}

function useDescribeCell() {
  const t = useTranslations("adminDirectory.permissions");
  return (cell: Cell) => {
    const parts = [t("describeDirect", { list: cell.direct.join(", ") || t("none") })];
    for (const r of cell.viaRoles) parts.push(t(r.roleValid ? "describeRole" : "describeInvalidRole", { role: r.roleName, list: r.permissions.join(", ") }));
    return parts.join("; ");
  };
}
