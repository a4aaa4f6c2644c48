"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Select, type SelectProps } from "@/app/_components/ui/select";
import { adminListInput } from "./list-input";

/**
 * A company chooser over the first 100 companies by name (enabled ones, plus the current
 * choice); `emptyLabel` is the "none" / "any" option. The rest (id, aria-describedby, required)
 * reaches the <select>, so a surrounding Field's label names it.
 */
export function CompanySelect({
  value,
  onChange,
  emptyLabel,
  current,
  ...control
}: { value: number | null; onChange: (id: number | null) => void; emptyLabel: string; current?: { id: number; name: string } | null } & Omit<SelectProps, "value" | "onChange">) {
  const trpc = useTRPC();
  const companies = useQuery(trpc.adminDirectory.companyList.queryOptions({ ...adminListInput("", "valid"), limit: 100 }));
  const items = companies.data?.items ?? [];
  const missing = value && !items.some((c) => c.id === value) ? (current && current.id === value ? current : { id: value, name: `#${value}` }) : null;
  return (
    <Select {...control} value={value ? String(value) : ""} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
      <option value="">{emptyLabel}</option>
      {missing && <option value={missing.id}>{missing.name}</option>}
      {items.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </Select>
  );
}
