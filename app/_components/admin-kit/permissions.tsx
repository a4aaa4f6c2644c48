"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { PERMISSION_TYPES, type PermissionType } from "@/server/schemas/admin-directory";
import { cn } from "@/app/_components/ui/cn";
import { Spinner } from "@/app/_components/ui/spinner";

export function usePermissionLabels() {
  const t = useTranslations("adminDirectory.permissionTypes");
  return { name: (p: PermissionType) => t(`${p}.name`), hint: (p: PermissionType) => t(`${p}.hint`) };
}

/** The seven OTRS permission types as checkboxes; `inherited` ones (from roles) are shown as held but locked. */
export function PermissionCheckboxes({
  value,
  onChange,
  legend,
  disabled,
  className,
}: {
  value: readonly PermissionType[];
  onChange: (next: PermissionType[]) => void;
  legend: string;
  disabled?: boolean;
  className?: string;
}) {
  const labels = usePermissionLabels();
  const toggle = (p: PermissionType, on: boolean) => onChange(PERMISSION_TYPES.filter((x) => (x === p ? on : value.includes(x))));
  return (
    <fieldset className={cn("min-w-0", className)} disabled={disabled}>
      <legend className="sr-only">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {PERMISSION_TYPES.map((p) => (
          <label key={p} title={labels.hint(p)} className="inline-flex cursor-pointer items-center gap-1.5 text-sm whitespace-nowrap">
            <input
              type="checkbox"
              checked={value.includes(p)}
              onChange={(e) => toggle(p, e.target.checked)}
              className="size-4 rounded border-border-strong accent-accent"
            />
            <span className="font-mono text-xs">{labels.name(p)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A compact read-only list of held permissions: "rw", or "ro · note". */
export function PermissionList({ value, className }: { value: readonly PermissionType[]; className?: string }) {
  const labels = usePermissionLabels();
  const t = useTranslations("adminDirectory.permissions");
  if (value.length === 0) return <span className={cn("text-fg-subtle", className)}>{t("none")}</span>;
  const shown = value.includes("rw") ? (["rw"] as PermissionType[]) : value;
  return <span className={cn("font-mono text-xs", className)}>{shown.map((p) => labels.name(p)).join(" · ")}</span>;
}

/**
 * Checkboxes that save each change at once: the new set shows immediately and stays locked
 * until the save (and the reload of the lists) is done; on failure it falls back to `value`.
 */
export function AutoSavePermissions({ value, legend, save }: { value: readonly PermissionType[]; legend: string; save: (next: PermissionType[]) => Promise<unknown> }) {
  const t = useTranslations("common");
  const [pending, setPending] = useState<PermissionType[] | null>(null);
  return (
    <div className="flex items-center gap-2" aria-busy={pending !== null || undefined}>
      <PermissionCheckboxes
        legend={legend}
        value={pending ?? value}
        disabled={pending !== null}
        onChange={(next) => {
          setPending(next);
          save(next)
            .catch(() => undefined)
            .finally(() => setPending(null));
        }}
      />
      {pending !== null && <Spinner size="sm" label={t("saving")} />}
    </div>
  );
}
