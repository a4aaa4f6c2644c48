"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { TextPreview } from "@/app/_components/admin-kit/text-preview";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { Textarea } from "@/app/_components/ui/textarea";
import { AUTO_RESPONSE_TYPES, LANGUAGES, type AutoResponseType } from "@/server/schemas/admin-config";

type Text = { language: string; subject: string; body: string };

export function AutoResponsesView() {
  const t = useTranslations("adminConfig.autoResponses");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.autoResponseList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.autoResponseSetValid.mutate(i), remove: (i) => client.adminConfig.autoResponseDelete.mutate(i) }}
        columns={[
          { key: "name", header: t("columns.name"), cell: (x) => <span className="font-medium">{x.name}</span> },
          { key: "type", header: t("columns.type"), cell: (x) => t(`types.${x.type}`) },
          { key: "languages", header: t("columns.languages"), cell: (x) => x.languages.join(", ") },
          { key: "queues", header: t("columns.queues"), cell: (x) => x.queueCount, align: "end", numeric: true },
        ]}
      />
      {list.dialog?.kind === "new" && <AutoResponseForm onClose={list.close} />}
      {list.dialog?.kind === "edit" && <EditAutoResponse id={list.dialog.row.id} onClose={list.close} />}
    </div>
  );
}

function EditAutoResponse({ id, onClose }: { id: number; onClose: () => void }) {
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const current = useQuery(trpc.adminConfig.autoResponseGet.queryOptions({ id }));
  if (!current.data) return current.isPending ? <Spinner label={tCommon("loading")} /> : null;
  return <AutoResponseForm current={current.data} onClose={onClose} />;
}

function AutoResponseForm({ current, onClose }: { current?: RouterOutputs["adminConfig"]["autoResponseGet"]; onClose: () => void }) {
  const t = useTranslations("adminConfig.autoResponses");
  const tCommon = useTranslations("adminConfig.common");
  const tLanguages = useTranslations("profile.languages");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(current?.name ?? "");
  const [type, setType] = useState<AutoResponseType>(current?.type ?? "new_ticket");
  const [texts, setTexts] = useState<Text[]>(current?.texts ?? [{ language: "en", subject: "", body: "" }]);
  const done = () => {
    void saved(tCommon(current ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.autoResponseCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.autoResponseUpdate.mutationOptions({ onSuccess: done }));
  const active = current ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const unused = LANGUAGES.filter((l) => !texts.some((x) => x.language === l));
  const change = (index: number, patch: Partial<Text>) => setTexts((list) => list.map((x, i) => (i === index ? { ...x, ...patch } : x)));
  const languageName = (code: string) => ((LANGUAGES as readonly string[]).includes(code) ? tLanguages(code as (typeof LANGUAGES)[number]) : code);
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={current ? t("editTitle", { name: current.name }) : t("createTitle")}
      submitLabel={tCommon(current ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (current ? update.mutate({ id: current.id, name, type, texts }) : create.mutate({ name, type, texts }))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label={t("fields.type")} required error={error?.fields.type} hint={t("typeHint")}>
        <Select value={type} onChange={(e) => setType(e.target.value as AutoResponseType)}>
          {AUTO_RESPONSE_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`types.${x}`)}
            </option>
          ))}
        </Select>
      </Field>
      {error?.fields.texts && <p className="text-[13px] text-danger-text">{error.fields.texts}</p>}
      {texts.map((text, i) => (
        <fieldset key={i} className="space-y-3 rounded-lg border border-border p-3">
          <legend className="px-1 text-sm font-semibold">{t("textIn", { language: languageName(text.language) })}</legend>
          <div className="flex flex-wrap items-end gap-3">
            <Field label={t("fields.language")} className="w-48" error={error?.fields[`texts.${i}.language`]}>
              <Select value={text.language} onChange={(e) => change(i, { language: e.target.value })}>
                {[text.language, ...unused].map((l) => (
                  <option key={l} value={l}>
                    {languageName(l)}
                  </option>
                ))}
              </Select>
            </Field>
            {texts.length > 1 && (
              <Button variant="ghost" size="sm" className="text-danger-text" onClick={() => setTexts((list) => list.filter((_, j) => j !== i))}>
                {t("removeLanguage", { language: languageName(text.language) })}
              </Button>
            )}
          </div>
          <Field label={t("fields.subject")} required error={error?.fields[`texts.${i}.subject`]}>
            <Input value={text.subject} onChange={(e) => change(i, { subject: e.target.value })} maxLength={500} />
          </Field>
          <Field label={t("fields.body")} required error={error?.fields[`texts.${i}.body`]}>
            <Textarea value={text.body} onChange={(e) => change(i, { body: e.target.value })} rows={4} maxLength={20000} />
          </Field>
          <TextPreview subject={text.subject} body={text.body} withHook />
        </fieldset>
      ))}
      {unused.length > 0 && (
        <Button variant="secondary" size="sm" onClick={() => setTexts((list) => [...list, { language: unused[0]!, subject: "", body: "" }])}>
          {t("addLanguage")}
        </Button>
      )}
    </FormDialog>
  );
}
