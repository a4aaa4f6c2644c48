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
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { locales, type AppLocale } from "@/server/i18n/config";
import type { NotificationEvent } from "@/server/schemas/account";

type Profile = RouterOutputs["account"]["profile"];

/** Name, language, time zone and e-mail choices of the signed-in user (customers now, agents later). */
export function ProfileForm({ timeZones }: { timeZones: readonly string[] }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.account.profile.queryOptions());
  if (!profile.data) return null;
  return <ProfileFields profile={profile.data} timeZones={timeZones} />;
}

function ProfileFields({ profile, timeZones }: { profile: Profile; timeZones: readonly string[] }) {
  const t = useTranslations("profile");
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
  const [emailNotifications, setEmailNotifications] = useState(profile.emailNotifications);
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const zones = timeZones.includes(profile.timeZone) ? timeZones : [profile.timeZone, ...timeZones];
  const events = Object.keys(emailNotifications) as NotificationEvent[];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) {
      setNameError(t("validation.name"));
      return;
    }
    setNameError(null);
    try {
      const saved = await save.mutateAsync({ name: trimmed, language, timeZone, emailNotifications });
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
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-fg">{t("notifications")}</legend>
            <p className="text-[13px] text-fg-muted">{t("notificationsHint")}</p>
            {events.map((e) => (
              <label key={e} className="flex cursor-pointer items-center gap-2 text-sm text-fg">
                <input
                  type="checkbox"
                  name={`notify-${e}`}
                  checked={emailNotifications[e] ?? true}
                  onChange={(ev) => setEmailNotifications((prev) => ({ ...prev, [e]: ev.target.checked }))}
                  className="size-4 rounded border-border-strong accent-accent"
                />
                {t(`events.${e}`)}
              </label>
            ))}
          </fieldset>
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
