import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  /** A 20–24px icon; a neutral inbox icon is used when omitted. */
  icon?: ReactNode;
  /** Usually a Button saying what to do next. */
  action?: ReactNode;
  /** Heading level for the title, to fit the page outline. */
  titleAs?: "h2" | "h3";
  className?: string;
};

export function EmptyState({ title, description, icon, action, titleAs: Heading = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border border-dashed border-border-strong px-6 py-12 text-center",
        className,
      )}
    >
      <div
        aria-hidden="true"
        className="mb-4 flex size-11 items-center justify-center rounded-full bg-surface-muted text-fg-subtle ring-1 ring-border"
      >
        {icon ?? (
          <svg viewBox="0 0 24 24" fill="none" className="size-5" stroke="currentColor" strokeWidth="1.6">
            <path strokeLinejoin="round" d="M3 13.5 5.6 5.7A1.5 1.5 0 0 1 7 4.7h10a1.5 1.5 0 0 1 1.4 1L21 13.5V18a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18v-4.5Z" />
            <path strokeLinejoin="round" d="M3 13.5h5l1.5 2.5h5l1.5-2.5h5" />
          </svg>
        )}
      </div>
      <Heading className="text-[15px] font-semibold text-fg">{title}</Heading>
      {description && <p className="mt-1 max-w-sm text-sm text-fg-muted">{description}</p>}
      {action && <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  );
}
