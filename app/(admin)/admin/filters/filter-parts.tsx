"use client";

import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Badge } from "@/app/_components/ui/badge";

type SetNames = RouterOutputs["adminConfig"]["filterList"]["items"][number]["setNames"];

export function Conditions({ conditions }: { conditions: { field: string; pattern: string; regex: boolean; negate?: boolean }[] }) {
  const t = useTranslations("adminConfig.filters");
  return (
    <ul className="space-y-0.5 text-xs">
      {conditions.map((c, i) => (
        <li key={i}>
          <span className="font-medium">{c.field}</span> {t(c.negate ? (c.regex ? "notMatches" : "notContains") : c.regex ? "matches" : "contains")} <code className="rounded bg-surface-muted px-1 break-all">{c.pattern}</code>
        </li>
      ))}
    </ul>
  );
}

export function SetSummary({ names }: { names: SetNames }) {
  const t = useTranslations("adminConfig.filters");
  if (names.ignore) return <Badge tone="warning">{t("ignore")}</Badge>;
  const parts = [
    names.queue && t("setQueue", { name: names.queue }),
    names.priority && t("setPriority", { name: names.priority }),
    names.type && t("setType", { name: names.type }),
    names.service && t("setService", { name: names.service }),
    names.customerEmail && t("setCustomer", { email: names.customerEmail }),
  ].filter(Boolean);
  return <span className="text-sm">{parts.join("; ")}</span>;
}
