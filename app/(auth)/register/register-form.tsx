"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/server/schemas/account";
import { registerAction, type RegisterState } from "../actions";
import { useFocusFirstInvalid } from "../use-focus-first-invalid";
import { useIsolate } from "@/app/_components/ui/use-isolate";

const initialState: RegisterState = {};

export function RegisterForm() {
  const t = useTranslations("auth");
  const isolate = useIsolate();
  const [state, formAction] = useActionState(registerAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);
  const errors = state.fieldErrors ?? {};

  if (state.checkMail) {
    return (
      <div className="space-y-5">
        <Alert tone="success" title={t("register.checkMailTitle")}>
          <p>{t("register.checkMailBody", { email: isolate(state.checkMail.email) })}</p>
          {state.checkMail.approval && <p className="mt-1">{t("register.checkMailApproval")}</p>}
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
        <Input name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} />
      </Field>
      <Field label={t("fields.confirm")} error={errors.confirm} required>
        <Input name="confirm" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} />
      </Field>
      <SubmitButton fullWidth size="lg" pendingLabel={t("register.submitting")}>
        {t("register.submit")}
      </SubmitButton>
    </form>
  );
}
