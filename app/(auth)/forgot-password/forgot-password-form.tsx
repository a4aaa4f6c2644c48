"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { forgotPasswordAction, type EmailFormState } from "../actions";
import { useFocusFirstInvalid } from "../use-focus-first-invalid";

const initialState: EmailFormState = {};

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState(forgotPasswordAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      {state.notice && <Alert tone="success">{state.notice}</Alert>}
      <Field label={t("fields.email")} error={state.fieldError} required>
        <Input
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={254}
          defaultValue={state.email}
          autoFocus
        />
      </Field>
      <SubmitButton fullWidth size="lg" pendingLabel={t("forgot.submitting")}>
        {t("forgot.submit")}
      </SubmitButton>
    </form>
  );
}
