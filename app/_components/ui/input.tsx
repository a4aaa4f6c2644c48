import type { InputHTMLAttributes, Ref } from "react";
import { cn } from "./cn";

/** Shared look of text inputs, textareas and selects. */
export const controlStyles = cn(
  "block w-full min-w-0 rounded-md border border-border-strong bg-surface text-sm text-fg shadow-xs",
  "placeholder:text-fg-subtle transition-[border-color,box-shadow] duration-150 motion-reduce:transition-none",
  "focus:border-accent focus:ring-3 focus:ring-ring/25 focus:outline-none",
  "aria-invalid:border-danger aria-invalid:focus:ring-danger/20",
  "disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-fg-muted",
  "read-only:bg-surface-muted",
);

export type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  /** Marks the control invalid (aria-invalid); Field sets this for you. */
  invalid?: boolean;
  ref?: Ref<HTMLInputElement>;
};

export function Input({ invalid, className, type = "text", ...rest }: InputProps) {
  return (
    <input
      type={type}
      {...rest}
      aria-invalid={invalid || rest["aria-invalid"] || undefined}
      className={cn(controlStyles, "h-9 px-3", type === "file" && "h-auto py-1.5", className)}
    />
  );
}
