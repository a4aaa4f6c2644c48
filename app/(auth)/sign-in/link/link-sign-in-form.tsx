"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { signInWithLinkAction, type LinkState } from "../../actions";
import { useFocusFirstInvalid } from "../../use-focus-first-invalid";

const initialState: LinkState = {};

export function LinkSignInForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState(signInWithLinkAction, initialState);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(state);

  return (
    <form ref={formRef} action={formAction} className="space-y-5">
      {state.error && (
        <Alert
          tone="danger"
          actions={
            <Button href="/sign-in" variant="secondary" size="sm">
              {t("backToSignIn")}
            </Button>
          }
        >
          {state.error}
        </Alert>
      )}
      <input type="hidden" name="token" value={token} />
      {!state.error && (
        <SubmitButton fullWidth size="lg" pendingLabel={t("link.submitting")} autoFocus>
          {t("link.submit")}
        </SubmitButton>
      )}
    </form>
  );
}
