"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { FormDialog } from "./form-dialog";
import { useSavedThen } from "./use-saved";

type Values = { name: string; comment: string };

/**
 * The form of records that are a name and a comment (groups, roles, and the like): create or
 * edit in the one form dialog, saved → lists reload, toast, close.
 */
export function NameCommentForm({
  row,
  title,
  submitLabel,
  savedToast,
  create,
  update,
  onClose,
}: {
  row?: { id: number; name: string; comment: string | null };
  title: string;
  submitLabel: string;
  savedToast: string;
  create: (values: Values) => Promise<unknown>;
  update: (values: Values & { id: number }) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useTranslations("adminDirectory");
  const [name, setName] = useState(row?.name ?? "");
  const [comment, setComment] = useState(row?.comment ?? "");
  const save = useMutation({ mutationFn: (values: Values) => (row ? update({ id: row.id, ...values }) : create(values)), onSuccess: useSavedThen(onClose)(savedToast) });
  return (
    <FormDialog open onClose={onClose} title={title} submitLabel={submitLabel} mutation={save} onSubmit={() => save.mutate({ name, comment })}>
      {(errors) => (
        <>
          <Field label={t("fields.name")} required error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
          </Field>
          <Field label={t("fields.comment")} optional error={errors.comment}>
            <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
