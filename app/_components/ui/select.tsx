import type { ReactNode, Ref, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlStyles } from "./input";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  invalid?: boolean;
  /** Options to render; alternatively pass <option>/<optgroup> children. */
  options?: readonly SelectOption[];
  /** A first, empty option (e.g. "Choose a queue…"). */
  placeholder?: string;
  ref?: Ref<HTMLSelectElement>;
  children?: ReactNode;
};

export function Select({ invalid, className, options, placeholder, children, ...rest }: SelectProps) {
  return (
    <div className={cn("relative", className)}>
      <select
        {...rest}
        aria-invalid={invalid || rest["aria-invalid"] || undefined}
        className={cn(controlStyles, "h-9 appearance-none ps-3 pe-9", rest.multiple && "h-auto py-1.5 pe-3")}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      {!rest.multiple && (
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          fill="none"
          className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle"
        >
          <path d="m4 6 4 4 4-4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )}
    </div>
  );
}
