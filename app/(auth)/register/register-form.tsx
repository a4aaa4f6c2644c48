"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { registerAction, type RegisterState } from "../actions";
import { useFocusFirstInvalid } from "../use-focus-first-invalid";

const initialState: RegisterState = {};

export function RegisterForm() {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState(registerAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);
  const errors = state.fieldErrors ?? {};

  if (state.pendingApproval) {
    return (
      <div className="space-y-5">
        <Alert tone="success" title={t("register.pendingTitle")}>
          {t("register.pendingBody", { email: state.pendingApproval.email })}
        </Alert>
        <Button href="/sign-in" variant="secondary" fullWidth>
          {t("register.backToSignIn")}
        </Button>
      </div>
    );
  }

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      <Field label={t("fields.name")} error={errors.name} required>
        <Input name="name" autoComplete="name" maxLength={200} defaultValue={state.values?.name} autoFocus />
      </Field>
      <Field label={t("fields.email")} error={errors.email} required>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={254}
          defaultValue={state.values?.email}
        />
      </Field>
      <Field label={t("fields.password")} hint={t("fields.passwordHint")} error={errors.password} required>
        <Input name="password" type="password" autoComplete="new-password" minLength={8} maxLength={200} />
      </Field>
      <Field label={t("fields.confirm")} error={errors.confirm} required>
        <Input name="confirm" type="password" autoComplete="new-password" maxLength={200} />
      </Field>
      <SubmitButton fullWidth size="lg" pendingLabel={t("register.submitting")}>
        {t("register.submit")}
      </SubmitButton>
    </form>
  );
}
