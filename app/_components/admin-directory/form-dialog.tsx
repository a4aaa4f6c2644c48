"use client";

import { useId, type FormEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import type { AdminErrorInfo } from "./errors";

export type FormDialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  pending: boolean;
  error: AdminErrorInfo | null;
  onSubmit: () => void;
  children?: ReactNode;
  size?: "sm" | "md" | "lg";
  tone?: "primary" | "danger";
};

/** A dialog holding one form: Cancel and a submit button that shows progress; errors above the buttons. */
export function FormDialog({ open, onClose, title, description, submitLabel, pending, error, onSubmit, children, size, tone = "primary" }: FormDialogProps) {
  const t = useTranslations("common");
  const formId = useId();
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
        {children}
        {error && <Alert tone="danger">{error.message}</Alert>}
      </form>
    </Dialog>
  );
}

/** A yes/no question before an action (disable, delete, merge). */
export function ConfirmDialog(props: Omit<FormDialogProps, "children"> & { children?: ReactNode }) {
  return <FormDialog size="sm" {...props} />;
}
