"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { AdminTable, AdminToolbar } from "./admin-table";
import { nextPage, useAdminList } from "./use-admin-list";
import { TextPreview } from "./text-preview";
import { useSaved } from "./use-saved";

type Kind = "signature" | "salutation";
type Snippet = RouterOutputs["adminConfig"]["signatureList"]["items"][number];

/** Signatures and salutations: the same page for two tables of named texts that queues use. */
export function SnippetsView({ kind }: { kind: Kind }) {
  const t = useTranslations(kind === "signature" ? "adminConfig.signatures" : "adminConfig.salutations");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => (kind === "signature" ? trpc.adminConfig.signatureList : trpc.adminConfig.salutationList).infiniteQueryOptions(input, nextPage));
  const lifecycle =
    kind === "signature"
      ? { setValid: (i: { id: number; valid: boolean }) => client.adminConfig.signatureSetValid.mutate(i), remove: (i: { id: number }) => client.adminConfig.signatureDelete.mutate(i) }
      : { setValid: (i: { id: number; valid: boolean }) => client.adminConfig.salutationSetValid.mutate(i), remove: (i: { id: number }) => client.adminConfig.salutationDelete.mutate(i) };
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={lifecycle}
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
          { key: "queues", header: t("columns.queues"), cell: (x) => x.queueCount, align: "end", numeric: true },
        ]}
      />
      {list.dialog && <SnippetForm kind={kind} snippet={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function SnippetForm({ kind, snippet, onClose }: { kind: Kind; snippet?: Snippet; onClose: () => void }) {
  const t = useTranslations(kind === "signature" ? "adminConfig.signatures" : "adminConfig.salutations");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [name, setName] = useState(snippet?.name ?? "");
  const [body, setBody] = useState(snippet?.body ?? "");
  const done = () => {
    void saved(tCommon(snippet ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const procs = kind === "signature" ? { create: trpc.adminConfig.signatureCreate, update: trpc.adminConfig.signatureUpdate } : { create: trpc.adminConfig.salutationCreate, update: trpc.adminConfig.salutationUpdate };
  const create = useMutation(procs.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(procs.update.mutationOptions({ onSuccess: done }));
  const active = snippet ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={snippet ? t("editTitle", { name: snippet.name }) : t("createTitle")}
      submitLabel={tCommon(snippet ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (snippet ? update.mutate({ id: snippet.id, name, body }) : create.mutate({ name, body }))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label={t("fields.body")} required error={error?.fields.body} hint={t("bodyHint")}>
        <Textarea value={body} onChange={(e) => setBody(e.target.value)} rows={5} maxLength={20000} />
      </Field>
      <TextPreview body={body} />
    </FormDialog>
  );
}
