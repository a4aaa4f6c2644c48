"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Card, CardBody, CardFooter, CardHeader } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTRPC } from "@/app/_components/trpc/provider";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/server/schemas/account";
import { useFocusFirstInvalid } from "@/app/(auth)/use-focus-first-invalid";
import { changePasswordAction, type PasswordState } from "./password-actions";

const initialState: PasswordState = {};

/** Change (or, for accounts that only ever signed in by link, set) the password. */
export function PasswordForm({ returnTo }: { returnTo: string }) {
  const t = useTranslations("profile.password");
  const tAuth = useTranslations("auth.fields");
  const trpc = useTRPC();
  const profile = useQuery(trpc.account.profile.queryOptions());
  const [state, formAction] = useActionState(changePasswordAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);
  const titleId = useId();
  const errors = state.fieldErrors ?? {};
  const hasPassword = profile.data?.hasPassword ?? true;

  return (
    <Card as="section" aria-labelledby={titleId}>
      <form ref={formRef} action={formAction} noValidate>
        <CardHeader title={t("title")} titleId={titleId} description={hasPassword ? t("description") : t("setDescription")} />
        <CardBody className="space-y-5">
          {state.error && <Alert tone="danger">{state.error}</Alert>}
          <input type="hidden" name="returnTo" value={returnTo} />
          <input type="hidden" name="hasPassword" value={hasPassword ? "1" : "0"} />
          {/* Lets password managers tie the new password to the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={profile.data?.email ?? ""} />
          {hasPassword && (
            <Field label={t("current")} error={errors.current} required>
              <Input name="current" type="password" autoComplete="current-password" maxLength={1000} />
            </Field>
          )}
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label={t("new")} hint={tAuth("passwordHint")} error={errors.next} required>
              <Input name="next" type="password" autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} />
            </Field>
            <Field label={t("confirm")} error={errors.confirm} required>
              <Input name="confirm" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} />
            </Field>
          </div>
        </CardBody>
        <CardFooter>
          <SubmitButton pendingLabel={t("submitting")}>{hasPassword ? t("submit") : t("submitSet")}</SubmitButton>
        </CardFooter>
      </form>
    </Card>
  );
}
