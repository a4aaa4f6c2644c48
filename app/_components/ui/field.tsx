import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { cn } from "./cn";

type ControlProps = {
  id?: string;
  required?: boolean;
  invalid?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false";
};

export type FieldProps = {
  label: ReactNode;
  /** Exactly one control (Input, Textarea, Select, or a native element). */
  children: ReactElement<ControlProps>;
  /** Control id; defaults to the child's id, else a generated one. */
  id?: string;
  hint?: ReactNode;
  /** Error text; marks the control aria-invalid and links the message. */
  error?: ReactNode;
  /** Passes `required` to the control and shows a marker. */
  required?: boolean;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
  /** Visually hides the label (still read by screen readers). */
  labelHidden?: boolean;
  className?: string;
};

/**
 * Label + control + hint + error. Wires `id`, `aria-describedby` and
 * `aria-invalid` into the child so every form in the app is announced the same way.
 */
export function Field({
  label,
  children,
  id,
  hint,
  error,
  required,
  optional,
  labelHidden,
  className,
}: FieldProps) {
  const t = useTranslations("common");
  const generated = useId();
  const child = isValidElement(children) ? children : null;
  const controlId = id ?? child?.props.id ?? `field${generated.replace(/[^\w-]/g, "")}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy =
    [child?.props["aria-describedby"], hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label
        htmlFor={controlId}
        className={cn("text-sm font-medium text-fg", labelHidden && "sr-only")}
      >
        {label}
        {required && (
          <span aria-hidden="true" className="ms-0.5 text-danger-text">
            *
          </span>
        )}
        {optional && <span className="ms-1.5 font-normal text-fg-subtle">({t("optional")})</span>}
      </label>
      {child &&
        cloneElement(child, {
          id: controlId,
          "aria-describedby": describedBy,
          ...(error ? { "aria-invalid": true } : {}),
          ...(required ? { required: true } : {}),
        })}
      {hint && (
        <p id={hintId} className="text-[13px] leading-snug text-fg-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-[13px] leading-snug text-danger-text">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-px size-3.5 shrink-0" fill="currentColor">
            <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM7.25 4.75h1.5v4.5h-1.5v-4.5ZM8 12a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z" />
          </svg>
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
