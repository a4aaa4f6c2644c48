"use client";

import { Fragment, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { displaySteps } from "./keys";
import { useShortcutHelp, useShortcutList, type ListedShortcut } from "./use-shortcuts";

type Row = { description: string; keys: string[] };
type Group = { title: string; rows: Row[] };

/**
 * Groups the registered shortcuts for display. A global binding that a page
 * binding shadows is left out (pressing it runs the page action), and bindings
 * sharing a description ("g s" and "/") become one row with alternatives.
 */
export function groupShortcuts(list: ListedShortcut[], pageGroup: string): Group[] {
  const pageKeys = new Set(list.filter((s) => !s.global).map((s) => s.keys.trim()));
  const groups = new Map<string, Map<string, Row>>();
  for (const shortcut of list) {
    if (shortcut.global && pageKeys.has(shortcut.keys.trim())) continue;
    const title = shortcut.group ?? pageGroup;
    const rows = groups.get(title) ?? new Map<string, Row>();
    groups.set(title, rows);
    const row = rows.get(shortcut.description) ?? { description: shortcut.description, keys: [] };
    rows.set(shortcut.description, row);
    if (!row.keys.includes(shortcut.keys)) row.keys.push(shortcut.keys);
  }
  return [...groups].map(([title, rows]) => ({ title, rows: [...rows.values()] }));
}

const subscribeNever = () => () => {};
const isMacClient = () => /Mac|iPhone|iPad|iPod/.test(navigator.platform);

/** The "?" dialog: every shortcut the current page offers, page groups first. */
export function ShortcutsHelpDialog() {
  const t = useTranslations("keyboard");
  const help = useShortcutHelp();
  const list = useShortcutList();
  const isMac = useSyncExternalStore(subscribeNever, isMacClient, () => false);
  if (!help) return null;
  const groups = groupShortcuts(list, t("groups.page"));

  return (
    <Dialog open={help.open} onClose={() => help.setOpen(false)} title={t("helpTitle")} description={t("helpDescription")} size="md">
      {groups.length === 0 ? (
        <p className="text-fg-muted">{t("none")}</p>
      ) : (
        <div className="space-y-5">
          {groups.map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">{group.title}</h3>
              <dl className="divide-y divide-border rounded-lg border border-border">
                {group.rows.map((row) => (
                  <div key={row.description} className="flex items-center justify-between gap-4 px-3 py-2">
                    <dt className="min-w-0 text-fg">{row.description}</dt>
                    <dd className="flex shrink-0 flex-wrap items-center justify-end gap-1 text-xs text-fg-muted">
                      {row.keys.map((keys, i) => (
                        <Fragment key={keys}>
                          {i > 0 && <span className="px-1">{t("or")}</span>}
                          <KeyCombo keys={keys} isMac={isMac} then={t("then")} />
                        </Fragment>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      )}
    </Dialog>
  );
}

function KeyCombo({ keys, isMac, then }: { keys: string; isMac: boolean; then: string }) {
  let steps: string[][];
  try {
    steps = displaySteps(keys, isMac);
  } catch {
    return <kbd className={kbdClass}>{keys}</kbd>;
  }
  return (
    <span className="inline-flex items-center gap-1" data-keys={keys}>
      {steps.map((parts, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="px-0.5">{then}</span>}
          <kbd className="inline-flex items-center gap-0.5">
            {parts.map((part, j) => (
              <kbd key={j} className={kbdClass}>
                {part}
              </kbd>
            ))}
          </kbd>
        </Fragment>
      ))}
    </span>
  );
}

const kbdClass =
  "inline-flex min-w-6 items-center justify-center rounded border border-border bg-surface-muted px-1.5 py-0.5 font-mono text-xs font-medium text-fg shadow-[0_1px_0] shadow-border";

/** Header button that opens the same dialog as "?"; renders nothing outside a shortcuts provider. */
export function ShortcutsHelpButton({ className }: { className?: string }) {
  const t = useTranslations("keyboard");
  const help = useShortcutHelp();
  if (!help) return null;
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      className={className}
      aria-label={t("openHelp")}
      aria-haspopup="dialog"
      title={`${t("openHelp")} (?)`}
      onClick={() => help.setOpen(true)}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-4">
        <rect x="2.5" y="5" width="15" height="10" rx="1.5" stroke="currentColor" strokeWidth="1.5" />
        <path d="M5.5 8h1m2.5 0h1m2.5 0h1M5.5 11h.01M14.5 11h.01M8 11.5h4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
    </Button>
  );
}
