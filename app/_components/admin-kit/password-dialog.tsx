"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useAdminError } from "./errors";
import { FormDialog } from "./form-dialog";
import { useSaved } from "./use-saved";
import { useIsolate } from "@/app/_components/ui/use-isolate";

/**
 * Sets a new password for an agent or a customer (their sessions end); customers may instead
 * get a one-time reset link by mail, so the admin never learns their password.
 */
export function PasswordDialog({ kind, user, onClose }: { kind: "agent" | "customer"; user: { id: number; name: string; email: string }; onClose: () => void }) {
  const t = useTranslations("adminDirectory.password");
  const isolate = useIsolate();
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [mode, setMode] = useState<"link" | "set">(kind === "customer" ? "link" : "set");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const options = {
    onSuccess: (result: { mode?: "link" | "set" }) => {
      void saved(result.mode === "link" ? t("linkSentToast", { email: isolate(user.email) }) : t("savedToast", { name: user.name }));
      onClose();
    },
  };
  const agent = useMutation(trpc.adminDirectory.agentResetPassword.mutationOptions(options));
  const customer = useMutation(trpc.adminDirectory.customerResetPassword.mutationOptions(options));
  const active = kind === "agent" ? agent : customer;
  const error = active.error ? errorOf(active.error) : null;

  function submit() {
    if (mode === "link") return customer.mutate({ id: user.id });
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    if (kind === "agent") agent.mutate({ id: user.id, password });
    else customer.mutate({ id: user.id, password });
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t("title", { name: user.name })}
      description={mode === "link" ? t("linkDescription", { email: isolate(user.email) }) : t("description")}
      submitLabel={mode === "link" ? t("sendSubmit") : t("submit")}
      pending={active.isPending}
      error={error}
      onSubmit={submit}
    >
      {kind === "customer" && (
        <fieldset className="space-y-2">
          <legend className="sr-only">{t("modeLegend")}</legend>
          {(["link", "set"] as const).map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="radio" name="password-mode" className="size-4 accent-accent" checked={mode === m} onChange={() => setMode(m)} />
              {t(m === "link" ? "sendLink" : "setNow")}
            </label>
          ))}
        </fieldset>
      )}
      {mode === "set" && (
        <>
          <Field label={t("new")} required hint={t("hint")} error={error?.fields.password}>
            <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" minLength={8} maxLength={200} autoFocus />
          </Field>
          <Field label={t("repeat")} required error={mismatch ? t("mismatch") : undefined}>
            <Input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" maxLength={200} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
