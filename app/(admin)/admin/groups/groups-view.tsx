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

type Group = RouterOutputs["adminDirectory"]["groupList"]["items"][number];
type Open = { kind: "create" } | { kind: "edit" | "disable" | "delete"; group: Group } | null;

export function GroupsView() {
  const t = useTranslations("adminDirectory.groups");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Validity>("all");
  const [open, setOpen] = useState<Open>(null);
  const input = namedListInput(useDebounced(search.trim()), status);
  const list = useInfiniteQuery({
    ...trpc.adminDirectory.groupList.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const enable = useToggleValid();

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
                <Th align="end">{t("columns.queues")}</Th>
                <Th align="end">{t("columns.agents")}</Th>
                <Th align="end">{t("columns.roles")}</Th>
                <Th>{tDir("columns.status")}</Th>
                <Th align="end">{tDir("columns.actions")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((group) => (
                <Tr key={group.id}>
                  <Td>
                    <div className="font-medium">{group.name}</div>
                    {group.comment && <div className="text-xs text-fg-muted">{group.comment}</div>}
                  </Td>
                  <Td align="end" numeric>
                    {group.queueCount}
                  </Td>
                  <Td align="end" numeric>
                    {group.agentCount}
                  </Td>
                  <Td align="end" numeric>
                    {group.roleCount}
                  </Td>
                  <Td>
                    <EnabledBadge enabled={group.valid} />
                  </Td>
                  <Td align="end" className="whitespace-nowrap">
                    <RowActions
                      name={group.name}
                      enabled={group.valid}
                      onEdit={() => setOpen({ kind: "edit", group })}
                      onDisable={() => setOpen({ kind: "disable", group })}
                      onEnable={() => enable.mutate({ id: group.id, valid: true })}
                      enabling={enable.isPending && enable.variables?.id === group.id}
                      onDelete={() => setOpen({ kind: "delete", group })}
                    >
                      <Button size="sm" variant="ghost" href={`/admin/permissions?group=${group.id}`}>
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
      {open?.kind === "create" && <GroupForm onClose={() => setOpen(null)} />}
      {open?.kind === "edit" && <GroupForm group={open.group} onClose={() => setOpen(null)} />}
      {open?.kind === "disable" && <DisableGroup group={open.group} onClose={() => setOpen(null)} />}
      {open?.kind === "delete" && <DeleteGroup group={open.group} onClose={() => setOpen(null)} />}
    </div>
  );
}

function useToggleValid() {
  const t = useTranslations("adminDirectory.groups");
  const trpc = useTRPC();
  const saved = useSaved();
  return useMutation(trpc.adminDirectory.groupSetValid.mutationOptions({ onSuccess: (r) => saved(t(r.valid ? "enabledToast" : "disabledToast")) }));
}

function GroupForm({ group, onClose }: { group?: Group; onClose: () => void }) {
  const t = useTranslations("adminDirectory.groups");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(group?.name ?? "");
  const [comment, setComment] = useState(group?.comment ?? "");
  const done = () => {
    void saved(t(group ? "savedToast" : "createdToast"));
    onClose();
  };
  const create = useMutation(trpc.adminDirectory.groupCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminDirectory.groupUpdate.mutationOptions({ onSuccess: done }));
  const active = group ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={group ? t("editTitle", { name: group.name }) : t("createTitle")}
      submitLabel={group ? tDir("actions.save") : t("create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (group ? update.mutate({ id: group.id, name, comment }) : create.mutate({ name, comment }))}
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

function DisableGroup({ group, onClose }: { group: Group; onClose: () => void }) {
  const t = useTranslations("adminDirectory.groups");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const done = useSavedThen(onClose);
  const disable = useMutation(trpc.adminDirectory.groupSetValid.mutationOptions({ onSuccess: done(t("disabledToast")) }));
  return (
    <ConfirmMutation
      mutation={disable}
      variables={{ id: group.id, valid: false }}
      onClose={onClose}
      title={t("disableTitle", { name: group.name })}
      description={t("disableDescription", { queues: group.queueCount })}
      submitLabel={tDir("actions.disable")}
    />
  );
}

function DeleteGroup({ group, onClose }: { group: Group; onClose: () => void }) {
  const t = useTranslations("adminDirectory.groups");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const done = useSavedThen(onClose);
  const remove = useMutation(trpc.adminDirectory.groupDelete.mutationOptions({ onSuccess: done(t("deletedToast")) }));
  return (
    <ConfirmMutation
      mutation={remove}
      variables={{ id: group.id }}
      onClose={onClose}
      title={t("deleteTitle", { name: group.name })}
      description={t("deleteDescription")}
      submitLabel={tDir("actions.delete")}
    />
  );
}
