"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { CategoryOptions } from "@/app/_components/faq/result-list";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { FAQ_LANGUAGES, type FaqLanguage } from "@/server/schemas/faq";

type Category = RouterOutputs["faqEditor"]["categoryList"]["items"][number];

/** The category tree: names per language, a parent, an order among siblings. */
export function CategoriesView() {
  const t = useTranslations("faq.categoriesAdmin");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.faqEditor.categoryList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(c) => c.name}
        empty={{ title: t("empty") }}
        onEdit={(c) => list.open("edit", c)}
        lifecycle={{ setValid: (i) => client.faqEditor.categorySetValid.mutate(i) }}
        columns={[
          { key: "name", header: t("columns.name"), cell: (c) => <span className="font-medium" dir="auto" style={{ paddingInlineStart: `${c.depth * 1.25}rem` }}>{c.name}</span> },
          { key: "languages", header: t("columns.languages"), cell: (c) => Object.keys(c.names).join(", ").toUpperCase() },
          { key: "articles", header: t("columns.articles"), cell: (c) => c.articles, numeric: true, align: "end" },
        ]}
      />
      {list.dialog && <CategoryForm category={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function CategoryForm({ category, onClose }: { category?: Category; onClose: () => void }) {
  const t = useTranslations("faq.categoriesAdmin");
  const tLang = useTranslations("faq.languages");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const all = useQuery(trpc.faqEditor.categoryList.queryOptions({ limit: 100 }));
  const [names, setNames] = useState<Partial<Record<FaqLanguage, string>>>(category?.names ?? {});
  const [parentId, setParentId] = useState(category?.parentId ? String(category.parentId) : "");
  const [position, setPosition] = useState(String(category?.position ?? 0));
  const label = Object.values(names).find(Boolean) ?? "";
  const save = useMutation(trpc.faqEditor.categorySave.mutationOptions({ onSuccess: useSavedThen(onClose)(tCommon(category ? "savedToast" : "createdToast", { name: label })) }));
  return (
    <FormDialog
      open
      onClose={onClose}
      title={category ? t("editTitle", { name: category.name }) : t("createTitle")}
      submitLabel={tCommon(category ? "actions.save" : "actions.create")}
      mutation={save}
      onSubmit={() => save.mutate({ id: category?.id, names, parentId: parentId ? Number(parentId) : null, position: Number(position) || 0 })}
    >
      {(errors) => (
        <>
          {FAQ_LANGUAGES.map((language, i) => (
            <Field key={language} label={t("nameIn", { language: tLang(language) })} error={i === 0 ? errors.names : undefined}>
              <Input value={names[language] ?? ""} onChange={(e) => setNames({ ...names, [language]: e.target.value })} maxLength={200} dir="auto" lang={language} autoFocus={i === 0} />
            </Field>
          ))}
          <Field label={t("parent")}>
            <Select value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t("noParent")}</option>
              <CategoryOptions categories={all.data?.items.filter((c) => c.id !== category?.id)} />
            </Select>
          </Field>
          <Field label={t("position")} hint={t("positionHint")}>
            <Input type="number" min={0} value={position} onChange={(e) => setPosition(e.target.value)} className="w-28" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
