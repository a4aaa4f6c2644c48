"use client";

import { useEffect } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Alert } from "@/app/_components/ui/alert";
import { Spinner } from "@/app/_components/ui/spinner";
import { PLACEHOLDERS } from "@/server/schemas/admin-config";

/**
 * The text as a customer would read it, with sample values filled in by the same code that fills
 * outgoing mail; placeholders the desk does not know are pointed out.
 */
export function TextPreview({ subject, body, withHook = false }: { subject?: string; body: string; withHook?: boolean }) {
  const t = useTranslations("adminConfig.preview");
  const trpc = useTRPC();
  const preview = useMutation(trpc.adminConfig.preview.mutationOptions());
  const text = useDebounced({ subject, body }, 400);
  const { mutate } = preview;
  useEffect(() => {
    if (text.body.trim() || text.subject?.trim()) mutate({ body: text.body, withHook, ...(text.subject !== undefined ? { subject: text.subject } : {}) });
  }, [text, withHook, mutate]);
  const result = preview.data;
  return (
    <section aria-label={t("title")} className="space-y-2 rounded-lg border border-border bg-surface-muted p-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-fg">{t("title")}</h3>
        {preview.isPending && <Spinner size="sm" label={t("updating")} />}
      </div>
      <p className="text-xs text-fg-muted">{t("placeholders", { list: PLACEHOLDERS.map((p) => `<${p}>`).join(", ") })}</p>
      {!body.trim() && !subject?.trim() ? (
        <p className="text-sm text-fg-muted">{t("empty")}</p>
      ) : result ? (
        <div className="space-y-2" aria-live="polite">
          {result.subject !== null && (
            <p className="text-sm">
              <span className="font-medium">{t("subject")}: </span>
              <span data-testid="preview-subject">{result.subject}</span>
            </p>
          )}
          <pre data-testid="preview-body" className="max-h-56 overflow-auto rounded-md border border-border bg-surface p-2 font-sans text-sm whitespace-pre-wrap text-fg">
            {result.body}
          </pre>
          {result.unknown.length > 0 && <Alert tone="warning">{t("unknown", { list: result.unknown.map((p) => `<${p}>`).join(", ") })}</Alert>}
        </div>
      ) : preview.isError ? (
        <Alert tone="danger">{t("failed")}</Alert>
      ) : null}
    </section>
  );
}
