"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { locales, type AppLocale } from "@/server/i18n/config";
import { calendarFor } from "@/server/i18n/dates";
import { SIGNATURE_MAX, type NotificationEvent } from "@/server/schemas/account";
import { ChannelChoices, EmailChoices } from "./notification-choices";

type Profile = RouterOutputs["account"]["profile"];

/** The placeholders compose.ts fills in signatures, shown to agents as examples. */
const SIGNATURE_PLACEHOLDERS = "<AGENT_NAME>, <QUEUE_NAME>, <CUSTOMER_NAME>, <TICKET_NUMBER>, <TICKET_TITLE>";

/**
 * Name, language, time zone and notification choices of the signed-in user; agents also set
 * their reply signature and choose e-mail and in-app per event.
 */
export function ProfileForm({ timeZones }: { timeZones: readonly string[] }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.account.profile.queryOptions());
  if (!profile.data) return null;
  return <ProfileFields profile={profile.data} timeZones={timeZones} />;
}

function ProfileFields({ profile, timeZones }: { profile: Profile; timeZones: readonly string[] }) {
  const t = useTranslations("profile");
  const ta = useTranslations("agentProfile");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { toast } = useToast();
  const errorInfo = useErrorInfo();
  const titleId = useId();
  const save = useMutation(trpc.account.updateProfile.mutationOptions());

  const [name, setName] = useState(profile.name);
  const [language, setLanguage] = useState<AppLocale>(profile.language as AppLocale);
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [preferGregorian, setPreferGregorian] = useState(profile.preferGregorian);
  const [emailNotifications, setEmailNotifications] = useState(profile.emailNotifications);
  const [appNotifications, setAppNotifications] = useState(profile.appNotifications ?? {});
  const [signature, setSignature] = useState(profile.signature ?? "");
  const isAgent = profile.role !== "customer";
  const [nameError, setNameError] = useState<string | null>(null);
  const [signatureError, setSignatureError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const zones = timeZones.includes(profile.timeZone) ? timeZones : [profile.timeZone, ...timeZones];
  const events = Object.keys(emailNotifications) as NotificationEvent[];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const trimmed = name.trim();
    const badName = !trimmed || trimmed.length > 200;
    const badSignature = isAgent && signature.length > SIGNATURE_MAX;
    setNameError(badName ? t("validation.name") : null);
    setSignatureError(badSignature ? ta("signatureTooLong", { max: SIGNATURE_MAX }) : null);
    if (badName || badSignature) {
      // The first invalid control gets focus so keyboard and screen-reader users land on the problem.
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      return;
    }
    const agentOnly = isAgent ? { signature, appNotifications } : {};
    try {
      const saved = await save.mutateAsync({ name: trimmed, language, timeZone, preferGregorian, emailNotifications, ...agentOnly });
      queryClient.setQueryData(trpc.account.profile.queryKey(), saved);
      toast({ title: t("saved"), tone: "success" });
      // The shell shows the name and every date uses the time zone: render them again.
      router.refresh();
    } catch (e) {
      setFailure(errorInfo(e).message);
    }
  }

  return (
    <Card as="section" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <CardHeader title={t("details")} titleId={titleId} />
        <CardBody className="space-y-5">
          {failure && <Alert tone="danger">{failure}</Alert>}
          <Field label={t("name")} error={nameError} required>
            <Input name="name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t("email")} hint={t("emailHint")}>
            <Input name="email" type="email" value={profile.email} readOnly />
          </Field>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label={t("language")} hint={t("languageHint")}>
              <Select name="language" value={language} onChange={(e) => setLanguage(e.target.value as AppLocale)} options={locales.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
            </Field>
            <Field label={t("timeZone")} hint={t("timeZoneHint")}>
              <Select name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))} />
            </Field>
          </div>
          {calendarFor(language) !== undefined && <CheckboxField label={t("preferGregorian")} hint={t("preferGregorianHint")} checked={preferGregorian} onChange={setPreferGregorian} />}
          {isAgent && (
            <Field label={ta("signature")} hint={ta("signatureHint", { placeholders: SIGNATURE_PLACEHOLDERS, max: SIGNATURE_MAX })} error={signatureError} optional>
              <Textarea name="signature" rows={4} maxLength={SIGNATURE_MAX} value={signature} onChange={(e) => setSignature(e.target.value)} className="font-mono text-[13px]" />
            </Field>
          )}
          {isAgent ? (
            <ChannelChoices events={events} email={emailNotifications} app={appNotifications} onEmail={setEmailNotifications} onApp={setAppNotifications} />
          ) : (
            <EmailChoices events={events} email={emailNotifications} onEmail={setEmailNotifications} />
          )}
        </CardBody>
        <CardFooter>
          <Button type="submit" loading={save.isPending}>
            {save.isPending ? t("saving") : t("save")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
