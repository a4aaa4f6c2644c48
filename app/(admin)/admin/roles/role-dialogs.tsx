"use client";

import { useState, type ReactNode } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AgentPicker, type PickedAgent } from "@/app/_components/admin-kit/agent-picker";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { changedGroups, GroupPermissionsEditor, type GroupGrants } from "@/app/_components/admin-kit/group-permissions-editor";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Spinner } from "@/app/_components/ui/spinner";

type Role = { id: number; name: string };
type RoleDetail = RouterOutputs["adminDirectory"]["roleGet"];

/** Loads the role, then shows `children` with it; a spinner or the error meanwhile. */
function WithRole({ role, onClose, title, children }: { role: Role; onClose: () => void; title: string; children: (detail: RoleDetail) => ReactNode }) {
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const errorOf = useAdminError();
  const detail = useQuery({ ...trpc.adminDirectory.roleGet.queryOptions({ id: role.id }), staleTime: 0 });
  if (detail.data) return <>{children(detail.data)}</>;
  return (
    <Dialog open onClose={onClose} title={title}>
      {detail.isError ? <Alert tone="danger">{errorOf(detail.error).message}</Alert> : <Spinner label={tCommon("loading")} />}
    </Dialog>
  );
}

export function RoleMembersDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const t = useTranslations("adminDirectory.roles");
  return (
    <WithRole role={role} onClose={onClose} title={t("membersTitle", { name: role.name })}>
      {(detail) => <MembersForm role={detail} onClose={onClose} />}
    </WithRole>
  );
}

function MembersForm({ role, onClose }: { role: RoleDetail; onClose: () => void }) {
  const t = useTranslations("adminDirectory.roles");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [members, setMembers] = useState<PickedAgent[]>(role.members);
  const save = useMutation(
    trpc.adminDirectory.roleSetMembers.mutationOptions({
      onSuccess: () => {
        void saved(t("membersSaved"));
        onClose();
      },
    }),
  );
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t("membersTitle", { name: role.name })}
      description={t("membersDescription")}
      submitLabel={tDir("actions.save")}
      pending={save.isPending}
      error={save.error ? errorOf(save.error) : null}
      onSubmit={() => save.mutate({ id: role.id, userIds: members.map((m) => m.id) })}
    >
      {members.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("noMembers")}</p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("currentMembers")}>
          {members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <span className="min-w-0">
                <span className="block truncate font-medium">{m.name}</span>
                <span className="block truncate text-xs text-fg-muted">{m.email}</span>
              </span>
              <Button size="sm" variant="ghost" onClick={() => setMembers((list) => list.filter((x) => x.id !== m.id))} aria-label={t("removeNamed", { name: m.name })}>
                {t("remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <AgentPicker label={t("addMember")} chosen={members.map((m) => m.id)} onAdd={(agent) => setMembers((list) => [...list, agent])} />
    </FormDialog>
  );
}

export function RolePermissionsDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const t = useTranslations("adminDirectory.roles");
  return (
    <WithRole role={role} onClose={onClose} title={t("permissionsTitle", { name: role.name })}>
      {(detail) => <PermissionsForm role={detail} onClose={onClose} />}
    </WithRole>
  );
}

function PermissionsForm({ role, onClose }: { role: RoleDetail; onClose: () => void }) {
  const t = useTranslations("adminDirectory.roles");
  const tDir = useTranslations("adminDirectory");
  const client = useTRPCClient();
  const saved = useSaved();
  const errorOf = useAdminError();
  const initial: GroupGrants = Object.fromEntries(role.groupPermissions.map((g) => [g.groupId, g.permissions]));
  const [value, setValue] = useState<GroupGrants>(initial);
  const save = useMutation({
    // One call per changed group, so each change gets its own audit row.
    mutationFn: async () => {
      for (const change of changedGroups(initial, value)) await client.adminDirectory.roleSetGroupPermissions.mutate({ roleId: role.id, ...change });
    },
    onSuccess: () => {
      void saved(t("permissionsSaved"));
      onClose();
    },
  });
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={t("permissionsTitle", { name: role.name })}
      description={t("permissionsDescription")}
      submitLabel={tDir("actions.save")}
      pending={save.isPending}
      error={save.error ? errorOf(save.error) : null}
      onSubmit={() => save.mutate()}
    >
      <GroupPermissionsEditor value={value} onChange={setValue} disabled={save.isPending} />
    </FormDialog>
  );
}
