"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";

type Priority = RouterOutputs["adminConfig"]["priorityList"]["items"][number];

export function PrioritiesView() {
  const t = useTranslations("adminConfig.priorities");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.priorityList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(p) => p.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.prioritySetValid.mutate(i), remove: (i) => client.adminConfig.priorityDelete.mutate(i) }}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (p) => (
              <span className="flex items-center gap-2 font-medium">
                <span aria-hidden="true" className="size-3 rounded-full ring-1 ring-border" style={{ backgroundColor: p.color ?? "transparent" }} />
                {p.name}
              </span>
            ),
          },
          { key: "level", header: t("columns.level"), cell: (p) => t(`levels.${p.level as 1 | 2 | 3 | 4 | 5}`), numeric: true },
          { key: "color", header: t("columns.color"), cell: (p) => <code className="text-xs text-fg-muted">{p.color ?? "—"}</code> },
        ]}
      />
      {list.dialog && <PriorityForm priority={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function PriorityForm({ priority, onClose }: { priority?: Priority; onClose: () => void }) {
  const t = useTranslations("adminConfig.priorities");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(priority?.name ?? "");
  const [level, setLevel] = useState(priority?.level ?? 3);
  const [color, setColor] = useState(priority?.color ?? "#10b981");
  const done = () => {
    void saved(tCommon(priority ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.priorityCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.priorityUpdate.mutationOptions({ onSuccess: done }));
  const active = priority ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const values = { name, level, color };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={priority ? t("editTitle", { name: priority.name }) : t("createTitle")}
      submitLabel={tCommon(priority ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (priority ? update.mutate({ id: priority.id, ...values }) : create.mutate(values))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label={t("fields.level")} required error={error?.fields.level} hint={t("levelHint")}>
        <Select value={String(level)} onChange={(e) => setLevel(Number(e.target.value))}>
          {([1, 2, 3, 4, 5] as const).map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("fields.color")} optional error={error?.fields.color}>
        <Input type="color" value={color} onChange={(e) => setColor(e.target.value)} className="h-9 w-20 p-1" />
      </Field>
    </FormDialog>
  );
}
