"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button, type ButtonAsButtonProps } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { signInAction, type SignInState } from "../actions";
import { useFocusFirstInvalid } from "../use-focus-first-invalid";

const initialState: SignInState = {};

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState(signInAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      {state.error && (
        <Alert
          tone="danger"
          actions={
            state.unconfirmed ? (
              <IntentButton intent="resend" variant="secondary" size="sm" pendingLabel={t("signIn.linkSubmitting")}>
                {t("signIn.resendConfirmation")}
              </IntentButton>
            ) : undefined
          }
        >
          {state.error}
        </Alert>
      )}
      {state.notice && <Alert tone="success">{state.notice}</Alert>}
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
      <div className="space-y-1.5">
        <Field label={t("fields.password")} error={state.fieldErrors?.password} required>
          <Input name="password" type="password" autoComplete="current-password" />
        </Field>
        <p className="text-end text-[13px]">
          <Link href="/forgot-password" className="font-medium text-accent-text hover:underline">
            {t("signIn.forgotPassword")}
          </Link>
        </p>
      </div>
      {/* First submit button: pressing Enter signs in with the password. */}
      <IntentButton intent="password" fullWidth size="lg" pendingLabel={t("signIn.submitting")}>
        {t("signIn.submit")}
      </IntentButton>
      <div className="flex items-center gap-3 text-xs text-fg-subtle" aria-hidden="true">
        <span className="h-px flex-1 bg-border" />
        {t("signIn.or")}
        <span className="h-px flex-1 bg-border" />
      </div>
      <div className="space-y-1.5">
        <IntentButton intent="link" variant="secondary" fullWidth size="lg" pendingLabel={t("signIn.linkSubmitting")} aria-describedby="sign-in-link-hint">
          {t("signIn.linkSubmit")}
        </IntentButton>
        <p id="sign-in-link-hint" className="text-center text-[13px] text-fg-muted">
          {t("signIn.linkHint")}
        </p>
      </div>
    </form>
  );
}

/** A submit button that tells the action what to do, and shows progress only when it was the one pressed. */
function IntentButton({ intent, pendingLabel, children, ...rest }: Omit<ButtonAsButtonProps, "type" | "loading" | "name" | "value"> & { intent: string; pendingLabel: string }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get("intent") === intent;
  return (
    <Button {...rest} type="submit" name="intent" value={intent} loading={mine} disabled={pending && !mine}>
      {mine ? pendingLabel : children}
    </Button>
  );
}
