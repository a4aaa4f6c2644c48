"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { signInAction, type SignInState } from "../actions";
import { useFocusFirstInvalid } from "../use-focus-first-invalid";

const initialState: SignInState = {};

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState(signInAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field label={t("fields.email")} error={state.fieldErrors?.email} required>
        <Input
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          defaultValue={state.email}
          autoFocus
        />
      </Field>
      <Field label={t("fields.password")} error={state.fieldErrors?.password} required>
        <Input name="password" type="password" autoComplete="current-password" />
      </Field>
      <SubmitButton fullWidth size="lg" pendingLabel={t("signIn.submitting")}>
        {t("signIn.submit")}
      </SubmitButton>
    </form>
  );
}
