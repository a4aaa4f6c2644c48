import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";

const tones: Record<string, BadgeTone> = {
  new: "info",
  open: "success",
  pending_reminder: "warning",
  pending_auto: "warning",
  closed: "neutral",
  merged: "neutral",
  removed: "danger",
};

/** Catalog keys for the states every desk ships with; admin-made states show their own name. */
const knownStates = {
  new: "new",
  open: "open",
  "pending reminder": "pending_reminder",
  "pending auto close+": "pending_auto_close_plus",
  "pending auto close-": "pending_auto_close_minus",
  "closed successful": "closed_successful",
  "closed unsuccessful": "closed_unsuccessful",
  merged: "merged",
  removed: "removed",
} as const;

export function useStateLabel() {
  const t = useTranslations("states");
  return (name: string) => {
    const key = knownStates[name as keyof typeof knownStates];
    return key ? t(key) : name;
  };
}

export function StateBadge({ name, type, size }: { name: string; type: string; size?: "sm" | "md" }) {
  const label = useStateLabel();
  return (
    <Badge tone={tones[type] ?? "neutral"} dot size={size}>
      {label(name)}
    </Badge>
  );
}
