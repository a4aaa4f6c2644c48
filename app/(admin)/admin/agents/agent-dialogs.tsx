"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { changedGroups, GroupPermissionsEditor, type GroupGrants } from "@/app/_components/admin-kit/group-permissions-editor";
import { adminListInput } from "@/app/_components/admin-kit/list-input";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Dialog } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";

export type Agent = RouterOutputs["adminDirectory"]["agentList"]["items"][number];
type AgentDetail = RouterOutputs["adminDirectory"]["agentGet"];

export function AgentForm({ agent, isSelf, onClose }: { agent?: Agent; isSelf?: boolean; onClose: () => void }) {
  const t = useTranslations("adminDirectory.agents");
  const tDir = useTranslations("adminDirectory");
  const tRoles = useTranslations("nav.roles");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(agent?.name ?? "");
  const [email, setEmail] = useState(agent?.email ?? "");
  const [role, setRole] = useState<"agent" | "admin">(agent?.role === "admin" ? "admin" : "agent");
  const [password, setPassword] = useState("");
  const [faqEditor, setFaqEditor] = useState(agent?.faqEditor ?? false);
  const done = () => {
    void saved(t(agent ? "savedToast" : "createdToast"));
    onClose();
  };
  const create = useMutation(trpc.adminDirectory.agentCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminDirectory.agentUpdate.mutationOptions({ onSuccess: done }));
  const active = agent ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={agent ? t("editTitle", { name: agent.name }) : t("createTitle")}
      description={agent ? undefined : t("createDescription")}
      submitLabel={agent ? tDir("actions.save") : t("create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (agent ? update.mutate({ id: agent.id, name, email, role, faqEditor }) : create.mutate({ name, email, role, password, faqEditor }))}
    >
      <Field label={tDir("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" autoFocus />
      </Field>
      <Field label={tDir("fields.email")} required error={error?.fields.email}>
        <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="off" />
      </Field>
      <Field label={t("fields.role")} hint={isSelf ? t("selfRoleHint") : t("roleHint")}>
        <Select value={role} onChange={(e) => setRole(e.target.value as "agent" | "admin")} disabled={isSelf}>
          <option value="agent">{tRoles("agent")}</option>
          <option value="admin">{tRoles("admin")}</option>
        </Select>
      </Field>
      <CheckboxField label={t("fields.faqEditor")} hint={t("faqEditorHint")} checked={faqEditor || role === "admin"} disabled={role === "admin"} onChange={setFaqEditor} />
      {!agent && (
        <Field label={t("fields.password")} required hint={tDir("password.hint")} error={error?.fields.password}>
          <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" maxLength={200} />
        </Field>
      )}
    </FormDialog>
  );
}

/** Roles and direct group permissions of one agent. */
export function AccessDialog({ agent, onClose }: { agent: Agent; onClose: () => void }) {
  const t = useTranslations("adminDirectory.agents");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const errorOf = useAdminError();
  const detail = useQuery({ ...trpc.adminDirectory.agentGet.queryOptions({ id: agent.id }), staleTime: 0 });
  if (detail.data) return <AccessForm agent={detail.data} onClose={onClose} />;
  return (
    <Dialog open onClose={onClose} title={t("accessTitle", { name: agent.name })}>
      {detail.isError ? <Alert tone="danger">{errorOf(detail.error).message}</Alert> : <Spinner label={tCommon("loading")} />}
    </Dialog>
  );
}

function AccessForm({ agent, onClose }: { agent: AgentDetail; onClose: () => void }) {
  const t = useTranslations("adminDirectory.agents");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const saved = useSaved();
  const errorOf = useAdminError();
  const roles = useQuery(trpc.adminDirectory.roleList.queryOptions({ ...adminListInput("", "all"), limit: 100 }));
  const initialRoles = agent.roles.map((r) => r.id).sort((a, b) => a - b);
  const initialGrants: GroupGrants = Object.fromEntries(agent.groupPermissions.map((g) => [g.groupId, g.permissions]));
  const [roleIds, setRoleIds] = useState<number[]>(initialRoles);
  const [grants, setGrants] = useState<GroupGrants>(initialGrants);
  const save = useMutation({
    mutationFn: async () => {
      const sorted = [...roleIds].sort((a, b) => a - b);
      if (sorted.join() !== initialRoles.join()) await client.adminDirectory.agentSetRoles.mutate({ id: agent.id, roleIds: sorted });
      for (const change of changedGroups(initialGrants, grants)) await client.adminDirectory.agentSetGroupPermissions.mutate({ userId: agent.id, ...change });
    },
    onSuccess: () => {
      void saved(t("accessSaved"));
      onClose();
    },
  });
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={t("accessTitle", { name: agent.name })}
      description={t("accessDescription")}
      submitLabel={tDir("actions.save")}
      pending={save.isPending}
      error={save.error ? errorOf(save.error) : null}
      onSubmit={() => save.mutate()}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">{t("rolesLegend")}</legend>
        {roles.isPending ? (
          <Spinner size="sm" />
        ) : (
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {roles.data?.items.map((role) => (
              <label key={role.id} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-accent"
                  checked={roleIds.includes(role.id)}
                  onChange={(e) => setRoleIds((ids) => (e.target.checked ? [...ids, role.id] : ids.filter((id) => id !== role.id)))}
                />
                {role.name}
                {!role.valid && <span className="text-xs text-fg-subtle">({tDir("status.disabled")})</span>}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">{t("directLegend")}</h3>
        <p className="text-sm text-fg-muted">{t("directHint")}</p>
        <GroupPermissionsEditor value={grants} onChange={setGrants} disabled={save.isPending} />
      </div>
    </FormDialog>
  );
}
