"use client";

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { OUTBOX_KINDS, OUTBOX_STATUSES, type OutboxKind, type OutboxStatus } from "@/server/schemas/admin-mail";

const tones: Record<OutboxStatus, BadgeTone> = {
  queued: "info",
  sent: "success",
  delivered: "success",
  bounced: "danger",
  failed: "danger",
  suppressed: "warning",
};

export function OutboxStatusBadge({ status, size = "sm" }: { status: string; size?: "sm" | "md" }) {
  const t = useTranslations("adminMail.outbox.statuses");
  const known = OUTBOX_STATUSES.includes(status as OutboxStatus) ? (status as OutboxStatus) : null;
  return (
    <Badge tone={known ? tones[known] : "neutral"} dot size={size}>
      {known ? t(known) : status}
    </Badge>
  );
}

export function useKindLabel() {
  const t = useTranslations("adminMail.outbox.kinds");
  return (kind: string) => (OUTBOX_KINDS.includes(kind as OutboxKind) ? t(kind as OutboxKind) : kind);
}

export function useTransportLabel() {
  const t = useTranslations("adminMail.outbox.transports");
  return (transport: string | null) => (transport === "resend" ? t("resend") : transport === "outbox" ? t("outbox") : transport ? transport : t("none"));
}
