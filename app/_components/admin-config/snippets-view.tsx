"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-directory/errors";
import { FormDialog } from "@/app/_components/admin-directory/form-dialog";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { ConfigTable, ConfigToolbar, useListFilters } from "./config-list";
import { TextPreview } from "./text-preview";
import { useConfigSaved } from "./use-config-saved";

type Kind = "signature" | "salutation";
type Snippet = RouterOutputs["adminConfig"]["signatureList"]["items"][number];

/** Signatures and salutations: the same page for two tables of named texts that queues use. */
export function SnippetsView({ kind }: { kind: Kind }) {
  const t = useTranslations(kind === "signature" ? "adminConfig.signatures" : "adminConfig.salutations");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const filters = useListFilters();
  const [editing, setEditing] = useState<Snippet | "new" | null>(null);
  const signatures = useInfiniteQuery({ ...trpc.adminConfig.signatureList.infiniteQueryOptions(filters.input, { getNextPageParam: (last) => last.nextCursor }), placeholderData: keepPreviousData, enabled: kind === "signature" });
  const salutations = useInfiniteQuery({ ...trpc.adminConfig.salutationList.infiniteQueryOptions(filters.input, { getNextPageParam: (last) => last.nextCursor }), placeholderData: keepPreviousData, enabled: kind === "salutation" });
  const lifecycle =
    kind === "signature"
      ? { setValid: (i: { id: number; valid: boolean }) => client.adminConfig.signatureSetValid.mutate(i), remove: (i: { id: number }) => client.adminConfig.signatureDelete.mutate(i) }
      : { setValid: (i: { id: number; valid: boolean }) => client.adminConfig.salutationSetValid.mutate(i), remove: (i: { id: number }) => client.adminConfig.salutationDelete.mutate(i) };
  return (
    <div className="space-y-4">
      <ConfigToolbar filters={filters} searchLabel={t("search")} newLabel={t("new")} onNew={() => setEditing("new")} />
      <ConfigTable
        query={kind === "signature" ? signatures : salutations}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={setEditing}
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
      {editing && <SnippetForm kind={kind} snippet={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function SnippetForm({ kind, snippet, onClose }: { kind: Kind; snippet?: Snippet; onClose: () => void }) {
  const t = useTranslations(kind === "signature" ? "adminConfig.signatures" : "adminConfig.salutations");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useConfigSaved();
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
