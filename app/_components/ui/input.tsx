import type { ChangeEvent, InputHTMLAttributes, Ref } from "react";
import { latinDigits } from "@/server/i18n/digits";
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

/**
 * A text input. Number fields (`type="number"` or `inputMode="numeric"`) take Latin, Persian and
 * Arabic-Indic digits alike and hand Latin ones to `onChange`: a browser's number field drops what
 * it cannot parse in the browser's own locale, so they render as text fields with a numeric
 * keyboard (the server checks the range).
 */
export function Input({ invalid, className, type = "text", onChange, ...rest }: InputProps) {
  const isNumber = type === "number";
  const { min: _min, max: _max, step: _step, ...textRest } = rest;
  const attributes = isNumber ? { ...textRest, type: "text", inputMode: rest.inputMode ?? "numeric" } : { ...rest, type };
  const numeric = attributes.inputMode === "numeric" || attributes.inputMode === "decimal";
  const change =
    numeric && onChange
      ? (event: ChangeEvent<HTMLInputElement>) => {
          const latin = latinDigits(event.target.value);
          if (latin !== event.target.value) event.target.value = latin;
          onChange(event);
        }
      : onChange;
  return (
    <input
      {...attributes}
      onChange={change}
      aria-invalid={invalid || rest["aria-invalid"] || undefined}
      className={cn(controlStyles, "h-9 px-3", type === "file" && "h-auto py-1.5", className)}
    />
  );
}
