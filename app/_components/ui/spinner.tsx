import { cn } from "./cn";

export type SpinnerProps = {
  size?: "sm" | "md" | "lg";
  /** When set, the spinner is announced (role="status"); otherwise it is decorative. */
  label?: string;
  className?: string;
};

const sizes = { sm: "size-3.5", md: "size-4", lg: "size-6" } as const;

export function Spinner({ size = "md", label, className }: SpinnerProps) {
  const svg = (
    <svg
      className={cn("shrink-0 animate-spin", sizes[size], className)}
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="9.5" stroke="currentColor" strokeOpacity="0.2" strokeWidth="3" />
      <path d="M21.5 12A9.5 9.5 0 0 0 12 2.5" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (!label) return svg;
  return (
    <span role="status" className="inline-flex items-center">
      {svg}
      <span className="sr-only">{label}</span>
    </span>
  );
}
