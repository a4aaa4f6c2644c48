"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { TextPreview } from "@/app/_components/admin-kit/text-preview";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { TEMPLATE_KINDS, type TemplateKind } from "@/server/schemas/admin-config";

type Template = RouterOutputs["adminConfig"]["templateList"]["items"][number];

export function TemplatesView() {
  const t = useTranslations("adminConfig.templates");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.templateList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.templateSetValid.mutate(i), remove: (i) => client.adminConfig.templateDelete.mutate(i) }}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (x) => (
              <div className="max-w-md">
                <div className="font-medium">{x.name}</div>
                <div className="truncate text-xs text-fg-muted">{x.body}</div>
              </div>
            ),
          },
          { key: "kinds", header: t("columns.kinds"), cell: (x) => x.kinds.map((k) => t(`kinds.${k as TemplateKind}`)).join(", ") },
        ]}
      />
      {list.dialog && <TemplateForm template={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function TemplateForm({ template, onClose }: { template?: Template; onClose: () => void }) {
  const t = useTranslations("adminConfig.templates");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(template?.name ?? "");
  const [kinds, setKinds] = useState<TemplateKind[]>((template?.kinds as TemplateKind[] | undefined) ?? ["reply"]);
  const [subject, setSubject] = useState(template?.subject ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const done = () => {
    void saved(tCommon(template ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.templateCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.templateUpdate.mutationOptions({ onSuccess: done }));
  const active = template ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const values = { name, kinds, subject, body };
  const toggle = (kind: TemplateKind, on: boolean) => setKinds((list) => (on ? [...list, kind] : list.filter((k) => k !== kind)));
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={template ? t("editTitle", { name: template.name }) : t("createTitle")}
      submitLabel={tCommon(template ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (template ? update.mutate({ id: template.id, ...values }) : create.mutate(values))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-fg">{t("fields.kinds")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {TEMPLATE_KINDS.map((k) => (
            <CheckboxField key={k} label={t(`kinds.${k}`)} checked={kinds.includes(k)} onChange={(on) => toggle(k, on)} />
          ))}
        </div>
        {error?.fields.kinds && <p className="text-[13px] text-danger-text">{error.fields.kinds}</p>}
      </fieldset>
      <Field label={t("fields.subject")} optional error={error?.fields.subject}>
        <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={500} />
      </Field>
      <Field label={t("fields.body")} required error={error?.fields.body}>
        <Textarea value={body} onChange={(e) => setBody(e.target.value)} rows={6} maxLength={20000} />
      </Field>
      <TextPreview subject={subject || undefined} body={body} />
    </FormDialog>
  );
}
