"use client";

import { useTranslations } from "next-intl";
import { Select, type SelectProps } from "@/app/_components/ui/select";

export type RefOption = { id: number; name: string; valid: boolean };

/**
 * A choice among configuration records: enabled ones, plus the current value even when it has
 * been disabled since (so the form shows what the record points at). `none` adds an empty choice.
 */
export function RefSelect({
  options,
  value,
  onChange,
  none,
  placeholder,
  ...rest
}: Omit<SelectProps, "value" | "onChange" | "options"> & { options: readonly RefOption[]; value: number | null; onChange: (value: number | null) => void; none?: string; placeholder?: string }) {
  const t = useTranslations("adminConfig.common");
  const shown = options.filter((o) => o.valid || o.id === value);
  return (
    <Select {...rest} value={value === null ? "" : String(value)} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
      {(none !== undefined || value === null) && <option value="">{none ?? placeholder ?? ""}</option>}
      {shown.map((o) => (
        <option key={o.id} value={o.id}>
          {o.valid ? o.name : t("disabledOption", { name: o.name })}
        </option>
      ))}
    </Select>
  );
}
