"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";

/** Enabled / disabled for accounts, valid / invalid (shown as enabled / disabled) for configuration. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const t = useTranslations("adminDirectory.status");
  return (
    <Badge tone={enabled ? "success" : "neutral"} dot size="sm">
      {t(enabled ? "enabled" : "disabled")}
    </Badge>
  );
}

export function CustomerStatusBadge({ enabled, approved }: { enabled: boolean; approved: boolean }) {
  const t = useTranslations("adminDirectory.status");
  if (!enabled) return <EnabledBadge enabled={false} />;
  if (!approved)
    return (
      <Badge tone="warning" dot size="sm">
        {t("pending")}
      </Badge>
    );
  return <EnabledBadge enabled />;
}
