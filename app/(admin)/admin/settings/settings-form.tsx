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
        <Field label={t("fields.archiveDays")} required error={error?.fields.archiveDays} hint={t("archiveDaysHint")}>
          <Input type="number" min={0} max={3650} value={values.archiveDays} onChange={(e) => set("archiveDays")(Number(e.target.value))} className="w-32" />
        </Field>
        <Field label={t("fields.duplicateThreshold")} required error={error?.fields.duplicateThreshold} hint={t("duplicateThresholdHint")}>
          <Input type="number" min={0} max={100} value={values.duplicateThreshold} onChange={(e) => set("duplicateThreshold")(Number(e.target.value))} className="w-32" />
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
      <Section title={t("documents")}>
        <Field label={t("fields.deskName")} error={error?.fields.deskName} hint={t("deskNameHint")}>
          <Input value={values.deskName} onChange={(e) => set("deskName")(e.target.value)} maxLength={100} dir="auto" />
        </Field>
      </Section>
      <Section title={t("portal")}>
        <CheckboxField label={t("fields.customerMayChooseService")} hint={t("customerMayChooseServiceHint")} checked={values.customerMayChooseService} onChange={set("customerMayChooseService")} />
        <CheckboxField label={t("fields.showExpectedAnswerTime")} hint={t("showExpectedAnswerTimeHint")} checked={values.showExpectedAnswerTime} onChange={set("showExpectedAnswerTime")} />
        <CheckboxField label={t("fields.faqPublic")} hint={t("faqPublicHint")} checked={values.faqPublic} onChange={set("faqPublic")} />
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
        <Field label={t("fields.mailAllowedHosts")} error={error?.fields.mailAllowedHosts} hint={t("mailAllowedHostsHint")}>
          <Input value={values.mailAllowedHosts} onChange={(e) => set("mailAllowedHosts")(e.target.value)} maxLength={2000} />
        </Field>
        <Field label={t("fields.maxNewTicketsPerHour")} required error={error?.fields.maxNewTicketsPerHour} hint={t("maxNewTicketsPerHourHint")}>
          <Input type="number" min={0} max={10000} value={values.maxNewTicketsPerHour} onChange={(e) => set("maxNewTicketsPerHour")(Number(e.target.value))} className="w-32" />
        </Field>
      </Section>
      <Section title={t("inboundLimits")}>
        <Field label={t("fields.maxMessageMb")} required error={error?.fields.maxMessageBytes} hint={t("maxMessageMbHint")}>
          <Input type="number" min={1} max={200} value={Math.round(values.maxMessageBytes / MB)} onChange={(e) => set("maxMessageBytes")(Number(e.target.value) * MB)} className="w-32" />
        </Field>
        <Field label={t("fields.maxParts")} required error={error?.fields.maxParts} hint={t("maxPartsHint")}>
          <Input type="number" min={10} max={100000} value={values.maxParts} onChange={(e) => set("maxParts")(Number(e.target.value))} className="w-32" />
        </Field>
        <Field label={t("fields.maxDepth")} required error={error?.fields.maxDepth} hint={t("maxDepthHint")}>
          <Input type="number" min={3} max={1000} value={values.maxDepth} onChange={(e) => set("maxDepth")(Number(e.target.value))} className="w-32" />
        </Field>
        <Field label={t("fields.maxHeaderKb")} required error={error?.fields.maxHeaderBytes} hint={t("maxHeaderKbHint")}>
          <Input type="number" min={16} max={16384} value={Math.round(values.maxHeaderBytes / 1024)} onChange={(e) => set("maxHeaderBytes")(Number(e.target.value) * 1024)} className="w-32" />
        </Field>
        <Field label={t("fields.parseBudgetSeconds")} required error={error?.fields.parseBudgetMs} hint={t("parseBudgetSecondsHint")}>
          <Input type="number" min={1} max={600} value={Math.round(values.parseBudgetMs / 1000)} onChange={(e) => set("parseBudgetMs")(Number(e.target.value) * 1000)} className="w-32" />
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

const MB = 1024 * 1024;

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card as="section" aria-labelledby={id}>
      <CardHeader title={title} titleId={id} />
      <CardBody className="grid gap-4 sm:grid-cols-2">{children}</CardBody>
    </Card>
  );
}
