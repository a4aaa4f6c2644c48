"use client";

import type { ReactNode } from "react";
import { useAdminError } from "./errors";
import { ConfirmDialog, type FormDialogProps } from "./form-dialog";
import { useSaved } from "./use-saved";

/** `onSuccess` for a directory change made from a dialog: the lists reload, a toast says what happened, the dialog closes. */
export function useSavedThen(onClose: () => void) {
  const saved = useSaved();
  return (toast: string) => () => {
    void saved(toast);
    onClose();
  };
}

type Mutation<V> = { isPending: boolean; error: unknown; mutate: (variables: V) => void };

/** A confirmation (disable, delete) that runs one mutation with fixed variables and shows its progress and refusal. */
export function ConfirmMutation<V>({
  mutation,
  variables,
  tone = "danger",
  ...dialog
}: Omit<FormDialogProps, "open" | "pending" | "error" | "onSubmit" | "children"> & { mutation: Mutation<V>; variables: V; children?: ReactNode }) {
  const errorOf = useAdminError();
  return (
    <ConfirmDialog
      open
      {...dialog}
      tone={tone}
      pending={mutation.isPending}
      error={mutation.error ? errorOf(mutation.error) : null}
      onSubmit={() => mutation.mutate(variables)}
    />
  );
}
