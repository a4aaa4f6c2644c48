import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";

const tones: Record<number, BadgeTone> = { 1: "neutral", 2: "neutral", 3: "neutral", 4: "warning", 5: "danger" };

export function usePriorityLabel() {
  const t = useTranslations("priorities");
  return (level: number, name: string) => (level >= 1 && level <= 5 ? t(String(level) as "1") : name);
}

export function PriorityBadge({ level, name, size }: { level: number; name: string; size?: "sm" | "md" }) {
  const label = usePriorityLabel();
  return (
    <Badge tone={tones[level] ?? "neutral"} size={size} className={level === 3 ? "bg-transparent" : undefined}>
      {label(level, name)}
    </Badge>
  );
}
