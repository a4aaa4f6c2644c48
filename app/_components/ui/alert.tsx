import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "danger";

export type AlertProps = Omit<HTMLAttributes<HTMLDivElement>, "title"> & {
  tone?: AlertTone;
  title?: ReactNode;
  /** Buttons or links shown under the text ("what to do next"). */
  actions?: ReactNode;
};

const tones: Record<AlertTone, string> = {
  info: "border-accent/25 bg-accent-subtle text-accent-text",
  success: "border-success/30 bg-success-subtle text-success-text",
  warning: "border-warning/40 bg-warning-subtle text-warning-text",
  danger: "border-danger/25 bg-danger-subtle text-danger-text",
};

const icons: Record<AlertTone, string> = {
  info: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-.75 5.75h1.5v4.5h-1.5v-4.5ZM8 6a.9.9 0 1 1 0-1.8A.9.9 0 0 1 8 6Z",
  success: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.03 4.78-3.75 4.25a.75.75 0 0 1-1.1.03l-2-2 1.06-1.06 1.43 1.43 3.2-3.64 1.16.99Z",
  warning: "M8.87 2.3a1 1 0 0 0-1.74 0L1.4 12.5a1 1 0 0 0 .87 1.5h11.46a1 1 0 0 0 .87-1.5L8.87 2.3ZM7.25 6h1.5v3.75h-1.5V6ZM8 12.25a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z",
  danger: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM7.25 4.75h1.5v4.5h-1.5v-4.5ZM8 12a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z",
};

/**
 * Inline message. Errors use role="alert" (announced at once); other tones use
 * role="status" (announced politely). Render it conditionally so it is announced
 * when it appears.
 */
export function Alert({ tone = "info", title, actions, className, children, ...rest }: AlertProps) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      {...rest}
      className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", tones[tone], className)}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="mt-0.5 size-4 shrink-0">
        <path fillRule="evenodd" d={icons[tone]} />
      </svg>
      <div className="min-w-0 flex-1 space-y-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="leading-relaxed [&_a]:font-medium [&_a]:underline">{children}</div>}
        {actions && <div className="flex flex-wrap gap-2 pt-1.5">{actions}</div>}
      </div>
    </div>
  );
}
