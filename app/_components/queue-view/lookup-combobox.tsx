"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { controlStyles } from "@/app/_components/ui/input";
import { cn } from "@/app/_components/ui/cn";
import { useTRPC } from "@/app/_components/trpc/provider";

type Choice = { id: number; label: string; detail?: string };
type PickerProps = { id?: string; "aria-describedby"?: string; value: number | null; onChange: (id: number | null) => void };

/** Customer users by name or e-mail; the chosen one is named by id so a reloaded URL shows it too. */
export function CustomerPicker(props: PickerProps) {
  const t = useTranslations("queueView.lookup");
  const trpc = useTRPC();
  const [term, setTerm] = useState("");
  const query = useDebounced(term.trim());
  const found = useQuery({ ...trpc.meta.customerLookup.queryOptions({ query }), enabled: query.length > 0 });
  const chosen = useQuery({ ...trpc.meta.customerLookup.queryOptions({ id: props.value ?? 0 }), enabled: props.value !== null });
  const toChoice = (c: { id: number; name: string; email: string; company: string | null }): Choice => ({ id: c.id, label: c.name, detail: [c.email, c.company].filter(Boolean).join(" · ") });
  return <Combobox {...props} term={term} onTerm={setTerm} searching={query.length > 0 && found.isFetching} choices={query ? (found.data ?? []).map(toChoice) : []} chosenLabel={chosen.data?.[0]?.name} placeholder={t("customerPlaceholder")} />;
}

/** Customer companies by name or customer number. */
export function CompanyPicker(props: PickerProps) {
  const t = useTranslations("queueView.lookup");
  const trpc = useTRPC();
  const [term, setTerm] = useState("");
  const query = useDebounced(term.trim());
  const found = useQuery({ ...trpc.meta.companyLookup.queryOptions({ query }), enabled: query.length > 0 });
  const chosen = useQuery({ ...trpc.meta.companyLookup.queryOptions({ id: props.value ?? 0 }), enabled: props.value !== null });
  const toChoice = (c: { id: number; name: string; customerNumber: string | null }): Choice => ({ id: c.id, label: c.name, detail: c.customerNumber ?? undefined });
  return <Combobox {...props} term={term} onTerm={setTerm} searching={query.length > 0 && found.isFetching} choices={query ? (found.data ?? []).map(toChoice) : []} chosenLabel={chosen.data?.[0]?.name} placeholder={t("companyPlaceholder")} />;
}

/**
 * An ARIA 1.2 combobox (editable, list autocomplete): the text box keeps focus, arrows move the
 * active option (aria-activedescendant), Enter picks it, Escape closes and restores the choice.
 */
type ComboboxProps = PickerProps & { term: string; onTerm: (t: string) => void; searching: boolean; choices: Choice[]; chosenLabel?: string; placeholder: string };

function Combobox({ id, value, onChange, term, onTerm, searching, choices, chosenLabel, placeholder, ...rest }: ComboboxProps) {
  const t = useTranslations("queueView.lookup");
  const [editing, setEditing] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${id}-listbox`;
  const open = editing && term.trim().length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;
  const shown = editing ? term : value === null ? "" : (chosenLabel ?? t("chosen", { id: value }));

  function pick(choice: Choice) {
    onChange(choice.id);
    onTerm("");
    setEditing(false);
    setActive(-1);
  }
  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!choices.length) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + choices.length) % choices.length);
    } else if (e.key === "Enter" && open && choices[active]) {
      e.preventDefault();
      pick(choices[active]);
    } else if (e.key === "Escape" && editing) {
      e.preventDefault();
      setEditing(false);
      onTerm("");
      setActive(-1);
    }
  }

  return (
    <div className="relative">
      <input
        {...rest}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        placeholder={placeholder}
        value={shown}
        onChange={(e) => {
          setEditing(true);
          onTerm(e.target.value);
          setActive(-1);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          setEditing(false);
          onTerm("");
        }}
        onKeyDown={onKeyDown}
        className={cn(controlStyles, "h-9 ps-3", value !== null ? "pe-9" : "pe-3")}
      />
      {value !== null && !editing && (
        <button
          type="button"
          aria-label={t("clear", { name: shown })}
          onClick={() => onChange(null)}
          className="absolute inset-y-0 end-0 flex w-9 items-center justify-center rounded-e-md text-fg-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
      <ul id={listId} role="listbox" aria-label={t("results")} hidden={!open} className="absolute inset-x-0 top-full z-20 mt-1 max-h-72 overflow-auto rounded-md border border-border bg-surface py-1 shadow-md">
        {choices.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // mousedown would blur the box and close the list before the click lands
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(c)}
            className={cn("cursor-pointer px-3 py-1.5 text-sm", i === active ? "bg-accent-subtle" : "hover:bg-surface-muted")}
          >
            <span className="block truncate font-medium">{c.label}</span>
            {c.detail && <span className="block truncate text-xs text-fg-muted">{c.detail}</span>}
          </li>
        ))}
        {choices.length === 0 && (
          <li role="presentation" className="px-3 py-1.5 text-sm text-fg-muted">
            {searching ? t("searching") : t("none")}
          </li>
        )}
      </ul>
      <p className="sr-only" aria-live="polite">
        {open && !searching ? t("count", { count: choices.length }) : ""}
      </p>
    </div>
  );
}
