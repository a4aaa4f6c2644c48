"use client";

import { useTranslations } from "next-intl";
import type { NotificationEvent } from "@/server/schemas/account";

export type Choices = Partial<Record<NotificationEvent, boolean>>;

const checkboxClass = "size-4 rounded border-border-strong accent-accent";

/** Customers: one e-mail checkbox per event. */
export function EmailChoices({ events, email, onEmail }: { events: NotificationEvent[]; email: Choices; onEmail: (next: Choices) => void }) {
  const t = useTranslations("profile");
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-fg">{t("notifications")}</legend>
      <p className="text-[13px] text-fg-muted">{t("notificationsHint")}</p>
      {events.map((e) => (
        <label key={e} className="flex cursor-pointer items-center gap-2 text-sm text-fg">
          <input type="checkbox" name={`notify-${e}`} checked={email[e] ?? true} onChange={(ev) => onEmail({ ...email, [e]: ev.target.checked })} className={checkboxClass} />
          {t(`events.${e}`)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Agents: each event is its own group with an e-mail and an in-app checkbox, so a screen reader
 * announces "A new ticket arrives…, E-mail, checkbox" instead of a bare "E-mail".
 */
export function ChannelChoices({
  events,
  email,
  app,
  onEmail,
  onApp,
}: {
  events: NotificationEvent[];
  email: Choices;
  app: Choices;
  onEmail: (next: Choices) => void;
  onApp: (next: Choices) => void;
}) {
  const t = useTranslations("profile");
  const ta = useTranslations("agentProfile");
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-fg">{ta("notifications")}</legend>
      <p className="text-[13px] text-fg-muted">{ta("notificationsHint")}</p>
      {events.map((e) => (
        <fieldset key={e} className="flex flex-wrap items-center gap-x-6 gap-y-1 rounded-md border border-border px-3 py-2">
          <legend className="sr-only">{t(`events.${e}`)}</legend>
          <span aria-hidden="true" className="min-w-0 flex-1 basis-64 text-sm text-fg">
            {t(`events.${e}`)}
          </span>
          <label className="flex cursor-pointer items-center gap-2 text-sm text-fg">
            <input type="checkbox" name={`notify-${e}-email`} checked={email[e] ?? true} onChange={(ev) => onEmail({ ...email, [e]: ev.target.checked })} className={checkboxClass} />
            {ta("channels.email")}
          </label>
          <label className="flex cursor-pointer items-center gap-2 text-sm text-fg">
            <input type="checkbox" name={`notify-${e}-app`} checked={app[e] ?? true} onChange={(ev) => onApp({ ...app, [e]: ev.target.checked })} className={checkboxClass} />
            {ta("channels.app")}
          </label>
        </fieldset>
      ))}
    </fieldset>
  );
}
