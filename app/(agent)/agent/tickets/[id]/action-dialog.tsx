"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { useMutationFeedback } from "./use-ticket-actions";

export type DialogKind = "move" | "owner" | "responsible" | "merge" | "split" | "link" | "close";

/**
 * One zoom action in a dialog: a form, a submit button in the footer, errors shown inside.
 * A stale version closes the dialog and raises the page's reload banner instead.
 */
export function ActionDialog({
  open,
  onClose,
  title,
  description,
  submitLabel,
  run,
  success,
  tone = "primary",
  disabled,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  /** Throws to keep the dialog open; false when a field is invalid (nothing sent); a string replaces `success`. */
  run: () => Promise<boolean | string | void>;
  success: string;
  tone?: "primary" | "danger";
  disabled?: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations("common");
  const formId = useId();
  const feedback = useMutationFeedback();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const outcome = await run();
      if (outcome === false) return;
      onClose();
      await feedback.succeeded(typeof outcome === "string" ? outcome : success);
    } catch (e) {
      const message = feedback.failed(e);
      if (message) setError(message);
      else onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title={title}
      description={description}
      dismissible={!busy}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t("cancel")}
          </Button>
          <Button type="submit" form={formId} variant={tone} loading={busy} disabled={disabled}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        {error && <Alert tone="danger">{error}</Alert>}
        {children}
      </form>
    </Dialog>
  );
}
