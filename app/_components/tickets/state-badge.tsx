import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { KNOWN_STATES as knownStates } from "@/server/i18n/known-labels";

const tones: Record<string, BadgeTone> = {
  new: "info",
  open: "success",
  pending_reminder: "warning",
  pending_auto: "warning",
  closed: "neutral",
  merged: "neutral",
  removed: "danger",
};

export function useStateLabel() {
  const t = useTranslations("states");
  return (name: string) => {
    const key = knownStates[name as keyof typeof knownStates];
    return key ? t(key) : name;
  };
}

const CUSTOMER_STATE_TYPES = ["new", "open", "pending_reminder", "pending_auto", "closed", "merged", "removed"] as const;

/**
 * `audience="customer"`: what the state means to the customer ("Waiting for your reply"), by its
 * type, never the desk's own state names ("pending auto close−") or admin-made ones.
 */
export function StateBadge({ name, type, size, audience = "agent" }: { name: string; type: string; size?: "sm" | "md"; audience?: "agent" | "customer" }) {
  const label = useStateLabel();
  const customerLabel = useTranslations("customerStates");
  const customerType = CUSTOMER_STATE_TYPES.find((t) => t === type);
  return (
    <Badge tone={tones[type] ?? "neutral"} dot size={size}>
      {audience === "customer" && customerType ? customerLabel(customerType) : label(name)}
    </Badge>
  );
}
