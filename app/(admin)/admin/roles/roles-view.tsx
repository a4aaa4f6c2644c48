"use client";

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
import { RoleMembersDialog, RolePermissionsDialog } from "./role-dialogs";

type Role = RouterOutputs["adminDirectory"]["roleList"]["items"][number];
type Open = { kind: "create" } | { kind: "edit" | "members" | "permissions" | "disable" | "delete"; role: Role } | null;

export function RolesView() {
  const t = useTranslations("adminDirectory.roles");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Validity>("all");
  const [open, setOpen] = useState<Open>(null);
  const input = namedListInput(useDebounced(search.trim()), status);
  const list = useInfiniteQuery({
    ...trpc.adminDirectory.roleList.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const enable = useMutation(trpc.adminDirectory.roleSetValid.mutationOptions({ onSuccess: () => saved(t("enabledToast")) }));
  const close = () => setOpen(null);

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
                <Th align="end">{t("columns.members")}</Th>
                <Th align="end">{t("columns.groups")}</Th>
                <Th>{tDir("columns.status")}</Th>
                <Th align="end">{tDir("columns.actions")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((role) => (
                <Tr key={role.id}>
                  <Td>
                    <div className="font-medium">{role.name}</div>
                    {role.comment && <div className="text-xs text-fg-muted">{role.comment}</div>}
                  </Td>
                  <Td align="end" numeric>
                    {role.memberCount}
                  </Td>
                  <Td align="end" numeric>
                    {role.groupCount}
                  </Td>
                  <Td>
                    <EnabledBadge enabled={role.valid} />
                  </Td>
                  <Td align="end">
                    <RowActions
                      name={role.name}
                      enabled={role.valid}
                      onEdit={() => setOpen({ kind: "edit", role })}
                      onDisable={() => setOpen({ kind: "disable", role })}
                      onEnable={() => enable.mutate({ id: role.id, valid: true })}
                      enabling={enable.isPending && enable.variables?.id === role.id}
                      onDelete={() => setOpen({ kind: "delete", role })}
                    >
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "members", role })}>
                        {t("members")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "permissions", role })}>
                        {t("permissions")}
                      </Button>
                    </RowActions>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {open?.kind === "create" && <RoleForm onClose={close} />}
      {open?.kind === "edit" && <RoleForm role={open.role} onClose={close} />}
      {open?.kind === "members" && <RoleMembersDialog role={open.role} onClose={close} />}
      {open?.kind === "permissions" && <RolePermissionsDialog role={open.role} onClose={close} />}
      {(open?.kind === "disable" || open?.kind === "delete") && <ConfirmRoleChange kind={open.kind} role={open.role} onClose={close} />}
    </div>
  );
}

function RoleForm({ role, onClose }: { role?: Role; onClose: () => void }) {
  const t = useTranslations("adminDirectory.roles");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(role?.name ?? "");
  const [comment, setComment] = useState(role?.comment ?? "");
  const done = () => {
    void saved(t(role ? "savedToast" : "createdToast"));
    onClose();
  };
  const create = useMutation(trpc.adminDirectory.roleCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminDirectory.roleUpdate.mutationOptions({ onSuccess: done }));
  const active = role ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={role ? t("editTitle", { name: role.name }) : t("createTitle")}
      submitLabel={role ? tDir("actions.save") : t("create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (role ? update.mutate({ id: role.id, name, comment }) : create.mutate({ name, comment }))}
    >
      <Field label={tDir("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label={tDir("fields.comment")} optional error={error?.fields.comment}>
        <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
      </Field>
    </FormDialog>
  );
}

function ConfirmRoleChange({ kind, role, onClose }: { kind: "disable" | "delete"; role: Role; onClose: () => void }) {
  const t = useTranslations("adminDirectory.roles");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const done = useSavedThen(onClose)(t(kind === "delete" ? "deletedToast" : "disabledToast"));
  const disable = useMutation(trpc.adminDirectory.roleSetValid.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.adminDirectory.roleDelete.mutationOptions({ onSuccess: done }));
  const texts = {
    onClose,
    title: t(kind === "delete" ? "deleteTitle" : "disableTitle", { name: role.name }),
    description: t(kind === "delete" ? "deleteDescription" : "disableDescription", { members: role.memberCount }),
    submitLabel: tDir(kind === "delete" ? "actions.delete" : "actions.disable"),
  };
  return kind === "delete" ? (
    <ConfirmMutation mutation={remove} variables={{ id: role.id }} {...texts} />
  ) : (
    <ConfirmMutation mutation={disable} variables={{ id: role.id, valid: false }} {...texts} />
  );
}
