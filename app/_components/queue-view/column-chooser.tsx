"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { LIST_COLUMNS, type ListColumn } from "@/server/schemas/workspace";

/** Which columns the list shows; the choice is kept in this browser (and in saved searches). */
export function ColumnChooser({ columns, onChange }: { columns: ListColumn[]; onChange: (columns: ListColumn[]) => void }) {
  const t = useTranslations("queueView");
  // The boxes exist only while open, so their labels ("Queue", "State") never shadow the filters'.
  const [open, setOpen] = useState(false);
  return (
    <details className="relative" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer rounded-md px-2 py-1 text-sm font-medium hover:bg-surface-muted">{t("chooseColumns")}</summary>
      {open && (
        <fieldset className="absolute end-0 z-10 mt-1 w-56 space-y-1 rounded-lg border border-border bg-surface p-3 shadow-md">
          <legend className="sr-only">{t("chooseColumns")}</legend>
          {LIST_COLUMNS.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-accent"
                checked={columns.includes(c)}
                disabled={c === "title"}
                onChange={(e) => onChange(e.target.checked ? LIST_COLUMNS.filter((x) => x === c || columns.includes(x)) : columns.filter((x) => x !== c))}
              />
              {t(`columns.${c}`)}
            </label>
          ))}
        </fieldset>
      )}
    </details>
  );
}
