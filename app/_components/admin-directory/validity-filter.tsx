"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";

export type Validity = "all" | "valid" | "invalid";

/** All / enabled / disabled, for configuration records that are marked invalid instead of deleted. */
export function ValidityFilter({ value, onChange }: { value: Validity; onChange: (value: Validity) => void }) {
  const t = useTranslations("adminDirectory.status");
  return (
    <Field label={t("label")} className="w-40">
      <Select value={value} onChange={(e) => onChange(e.target.value as Validity)}>
        <option value="all">{t("all")}</option>
        <option value="valid">{t("enabled")}</option>
        <option value="invalid">{t("disabled")}</option>
      </Select>
    </Field>
  );
}
