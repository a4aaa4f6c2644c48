import type { Ref, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlStyles } from "./input";

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  invalid?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
};

export function Textarea({ invalid, className, rows = 5, ...rest }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      {...rest}
      aria-invalid={invalid || rest["aria-invalid"] || undefined}
      className={cn(controlStyles, "field-sizing-content min-h-24 resize-y px-3 py-2 leading-relaxed", className)}
    />
  );
}
