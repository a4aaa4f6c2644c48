import { useId, type ReactNode } from "react";

/** A labelled checkbox with an optional explanation under the label. */
export function CheckboxField({ label, hint, checked, onChange, disabled }: { label: ReactNode; hint?: ReactNode; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2 text-sm">
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-accent" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <div>
        <label htmlFor={id} className="font-medium text-fg">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-fg-muted">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A form section of choices (a fieldset): its legend, an optional hint, the choices, and the section's error. */
export function CheckboxGroup({ legend, hint, error, children }: { legend: ReactNode; hint?: ReactNode; error?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-fg">{legend}</legend>
      {hint && <p className="text-[13px] text-fg-muted">{hint}</p>}
      {children}
      {error && <p className="text-[13px] text-danger-text">{error}</p>}
    </fieldset>
  );
}

/**
 * Records chosen by checkbox from a list that may be long (queues, groups): a scrolling box, the
 * choice as ids. `label` names the box when it shares its section with other choices.
 */
export function IdChecklist({ label, items, chosen, onChange }: { label?: string; items: readonly { id: number; name: string }[]; chosen: readonly number[]; onChange: (ids: number[]) => void }) {
  return (
    <div className="max-h-40 space-y-1 overflow-y-auto rounded-md border border-border p-2" role={label ? "group" : undefined} aria-label={label}>
      {items.map((item) => (
        <CheckboxField key={item.id} label={item.name} checked={chosen.includes(item.id)} onChange={(on) => onChange(on ? [...chosen, item.id] : chosen.filter((x) => x !== item.id))} />
      ))}
    </div>
  );
}
