"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { LANGUAGES, REGISTRATION_MODES } from "@/server/schemas/admin-config";

type Settings = RouterOutputs["adminConfig"]["settingsGet"];

export function SettingsForm() {
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const current = useQuery(trpc.adminConfig.settingsGet.queryOptions());
  if (!current.data) return <Spinner label={tCommon("loading")} />;
  return <Form initial={current.data} />;
}

function Form({ initial }: { initial: Settings }) {
  const t = useTranslations("adminConfig.settings");
  const tLanguages = useTranslations("profile.languages");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const [values, setValues] = useState(initial);
  const save = useMutation(
    trpc.adminConfig.settingsUpdate.mutationOptions({
      onSuccess: (r) => saved(r.changed.length ? t("savedToast", { count: r.changed.length }) : t("unchangedToast")),
    }),
  );
  const error = save.error ? errorOf(save.error) : null;
  const set = <K extends keyof Settings>(key: K) => (value: Settings[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(values);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <Section title={t("tickets")}>
        <Field label={t("fields.ticketHook")} required error={error?.fields.ticketHook} hint={t("ticketHookHint", { example: `[${values.ticketHook}2026112310000011]` })}>
          <Input value={values.ticketHook} onChange={(e) => set("ticketHook")(e.target.value)} maxLength={40} />
        </Field>
        <Field label={t("fields.systemId")} required error={error?.fields.systemId} hint={t("systemIdHint")}>
          <Input value={values.systemId} onChange={(e) => set("systemId")(e.target.value)} maxLength={2} inputMode="numeric" className="w-24" />
        </Field>
      </Section>
      <Section title={t("people")}>
        <Field label={t("fields.registration")} required error={error?.fields.registration} hint={t("registrationHint")}>
          <Select value={values.registration} onChange={(e) => set("registration")(e.target.value as Settings["registration"])}>
            {REGISTRATION_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`registration.${m}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("fields.defaultLanguage")} required error={error?.fields.defaultLanguage}>
          <Select value={values.defaultLanguage} onChange={(e) => set("defaultLanguage")(e.target.value as Settings["defaultLanguage"])}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {tLanguages(l)}
              </option>
            ))}
          </Select>
        </Field>
      </Section>
      <Section title={t("portal")}>
        <CheckboxField label={t("fields.customerMayChooseService")} hint={t("customerMayChooseServiceHint")} checked={values.customerMayChooseService} onChange={set("customerMayChooseService")} />
        <CheckboxField label={t("fields.showExpectedAnswerTime")} hint={t("showExpectedAnswerTimeHint")} checked={values.showExpectedAnswerTime} onChange={set("showExpectedAnswerTime")} />
      </Section>
      <Section title={t("mail")}>
        <Field label={t("fields.defaultFrom")} required error={error?.fields.defaultFrom} hint={t("defaultFromHint")}>
          <Input value={values.defaultFrom} onChange={(e) => set("defaultFrom")(e.target.value)} maxLength={320} />
        </Field>
        <Field label={t("fields.messageIdDomain")} required error={error?.fields.messageIdDomain} hint={t("messageIdDomainHint")}>
          <Input value={values.messageIdDomain} onChange={(e) => set("messageIdDomain")(e.target.value)} maxLength={253} />
        </Field>
        <Field label={t("fields.maxAutoResponsesPerDay")} required error={error?.fields.maxAutoResponsesPerDay} hint={t("maxAutoResponsesPerDayHint")}>
          <Input type="number" min={0} max={1000} value={values.maxAutoResponsesPerDay} onChange={(e) => set("maxAutoResponsesPerDay")(Number(e.target.value))} className="w-32" />
        </Field>
        <Field label={t("fields.maxNewTicketsPerHour")} required error={error?.fields.maxNewTicketsPerHour} hint={t("maxNewTicketsPerHourHint")}>
          <Input type="number" min={0} max={10000} value={values.maxNewTicketsPerHour} onChange={(e) => set("maxNewTicketsPerHour")(Number(e.target.value))} className="w-32" />
        </Field>
      </Section>
      {error && <Alert tone="danger">{error.message}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => setValues(initial)} disabled={save.isPending}>
          {t("reset")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card as="section" aria-labelledby={id}>
      <CardHeader title={title} titleId={id} />
      <CardBody className="grid gap-4 sm:grid-cols-2">{children}</CardBody>
    </Card>
  );
}
