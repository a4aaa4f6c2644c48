"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import type { Validity } from "./list-input";

const LABEL = { all: "all", valid: "enabled", invalid: "disabled", enabled: "enabled", disabled: "disabled", pending: "pending" } as const;
type Known = keyof typeof LABEL;
const labelOf = (s: Known): (typeof LABEL)[Known] => LABEL[s];

/** A status filter: all / enabled / disabled (and, for customers, pending sign-ups). */
export function StatusFilter<S extends Known>({ value, onChange, statuses }: { value: S; onChange: (value: S) => void; statuses: readonly S[] }) {
  const t = useTranslations("adminDirectory.status");
  return (
    <Field label={t("label")} className="w-44">
      <Select value={value} onChange={(e) => onChange(e.target.value as S)}>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {t(labelOf(s))}
          </option>
        ))}
      </Select>
    </Field>
  );
}

const VALIDITY: readonly Validity[] = ["all", "valid", "invalid"];

/** All / enabled / disabled, for configuration records that are marked invalid instead of deleted. */
export function ValidityFilter({ value, onChange }: { value: Validity; onChange: (value: Validity) => void }) {
  return <StatusFilter value={value} onChange={onChange} statuses={VALIDITY} />;
}
