import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger";

export type BadgeProps = HTMLAttributes<HTMLSpanElement> & {
  tone?: BadgeTone;
  /** A small colored dot before the text (for states). */
  dot?: boolean;
  size?: "sm" | "md";
};

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: "bg-surface-muted text-fg-muted ring-border", dot: "bg-fg-subtle" },
  info: { badge: "bg-accent-subtle text-accent-text ring-accent/20", dot: "bg-accent" },
  success: { badge: "bg-success-subtle text-success-text ring-success/25", dot: "bg-success" },
  warning: { badge: "bg-warning-subtle text-warning-text ring-warning/30", dot: "bg-warning" },
  danger: { badge: "bg-danger-subtle text-danger-text ring-danger/20", dot: "bg-danger" },
};

export function Badge({ tone = "neutral", dot, size = "md", className, children, ...rest }: BadgeProps) {
  return (
    <span
      {...rest}
      className={cn(
        "inline-flex max-w-full items-center gap-1.5 rounded-full font-medium whitespace-nowrap ring-1 ring-inset",
        size === "sm" ? "h-5 px-2 text-[11px]" : "h-6 px-2.5 text-xs",
        tones[tone].badge,
        className,
      )}
    >
      {dot && <span aria-hidden="true" className={cn("size-1.5 shrink-0 rounded-full", tones[tone].dot)} />}
      <span className="truncate">{children}</span>
    </span>
  );
}
