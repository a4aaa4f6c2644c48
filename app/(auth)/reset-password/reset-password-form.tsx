"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/server/schemas/account";
import { resetPasswordAction, type ResetState } from "../actions";
import { useFocusFirstInvalid } from "../use-focus-first-invalid";

const initialState: ResetState = {};

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState(resetPasswordAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);
  const errors = state.fieldErrors ?? {};

  if (state.invalidLink) {
    return (
      <div className="space-y-5">
        <Alert tone="danger">{state.error}</Alert>
        <Button href="/forgot-password" variant="secondary" fullWidth>
          {t("reset.requestNew")}
        </Button>
      </div>
    );
  }

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field label={t("fields.newPassword")} hint={t("fields.passwordHint")} error={errors.password} required>
        <Input name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} autoFocus />
      </Field>
      <Field label={t("fields.confirm")} error={errors.confirm} required>
        <Input name="confirm" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} />
      </Field>
      <SubmitButton fullWidth size="lg" pendingLabel={t("reset.submitting")}>
        {t("reset.submit")}
      </SubmitButton>
    </form>
  );
}
