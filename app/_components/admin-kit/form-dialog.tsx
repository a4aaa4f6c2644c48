"use client";

import { useId, type FormEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { useAdminError, type AdminErrorInfo } from "./errors";

type Mutation = { isPending: boolean; error: unknown };

export type FormDialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  onSubmit: () => void;
  /** The mutation the form submits: its progress and its refusal (with per-field messages) show here. */
  mutation?: Mutation;
  pending?: boolean;
  error?: AdminErrorInfo | null;
  /** The fields; as a function they receive the per-field messages of the last refusal. */
  children?: ReactNode | ((fields: Record<string, string>) => ReactNode);
  size?: "sm" | "md" | "lg";
  tone?: "primary" | "danger";
};

/**
 * The one admin form dialog: Cancel and a submit button that shows progress; the refusal above
 * the buttons and each field's message at its field. Pair it with `useSavedThen(onClose)` as the
 * mutation's `onSuccess`, so saving reloads the lists, says so and closes.
 */
export function FormDialog({ open, onClose, title, description, submitLabel, mutation, onSubmit, children, size, tone = "primary", ...rest }: FormDialogProps) {
  const t = useTranslations("common");
  const errorOf = useAdminError();
  const formId = useId();
  const pending = rest.pending ?? mutation?.isPending ?? false;
  const error = rest.error !== undefined ? rest.error : mutation?.error ? errorOf(mutation.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      size={size}
      dismissible={!pending}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            {t("cancel")}
          </Button>
          <Button type="submit" form={formId} variant={tone} loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        {typeof children === "function" ? children(error?.fields ?? {}) : children}
        {error && <Alert tone="danger">{error.message}</Alert>}
      </form>
    </Dialog>
  );
}

/** A yes/no question before an action (disable, delete, merge). */
export function ConfirmDialog(props: Omit<FormDialogProps, "children"> & { children?: ReactNode }) {
  return <FormDialog size="sm" {...props} />;
}

/** A confirmation (disable, delete) that runs one mutation with fixed variables and shows its progress and refusal. */
export function ConfirmMutation<V>({
  mutation,
  variables,
  tone = "danger",
  ...dialog
}: Omit<FormDialogProps, "open" | "pending" | "error" | "onSubmit" | "children" | "mutation"> & { mutation: Mutation & { mutate: (variables: V) => void }; variables: V; children?: ReactNode }) {
  return <ConfirmDialog open {...dialog} tone={tone} mutation={mutation} onSubmit={() => mutation.mutate(variables)} />;
}
