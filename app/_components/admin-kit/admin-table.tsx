"use client";

import { useState, type ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { EnabledBadge } from "./badges";
import { useAdminError } from "./errors";
import { ConfirmDialog } from "./form-dialog";
import { PagedList, SearchField, Toolbar, type ListQuery } from "./list-view";
import { RowActions } from "./row-actions";
import { useSaved } from "./use-saved";
import { ValidityFilter } from "./validity-filter";
import type { Validity } from "./list-input";

export type Column<T> = { key: string; header: ReactNode; cell: (row: T) => ReactNode; align?: "start" | "end"; numeric?: boolean; className?: string };

/** The search box and status filter an admin list shows; `useAdminList` holds them. */
export type ListFilters<S extends string = Validity> = { search: string; setSearch: (v: string) => void; status: S; setStatus: (v: S) => void };

/**
 * Search, a status filter (validity unless `status` brings the list's own), the list's extra
 * filters (`children`) and a "New …" button above an admin list.
 */
export function AdminToolbar<S extends string>({
  filters,
  searchLabel,
  newLabel,
  onNew,
  status,
  children,
}: {
  filters: ListFilters<S>;
  searchLabel: string;
  newLabel?: string;
  onNew?: () => void;
  status?: ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations("adminDirectory.list");
  return (
    <Toolbar label={t("filters")}>
      <SearchField label={searchLabel} value={filters.search} onChange={filters.setSearch} />
      {status ?? <ValidityFilter value={filters.status as Validity} onChange={(v) => filters.setStatus(v as S)} />}
      {children}
      {onNew && newLabel && (
        <Button onClick={onNew} aria-haspopup="dialog">
          {newLabel}
        </Button>
      )}
    </Toolbar>
  );
}

/**
 * Enable/disable and delete of a row, straight from the list's procedures: `setValid`
 * (configuration) or `setEnabled` (accounts), and `remove` where the record may be deleted (the
 * server refuses, with its reason, anything in use). `canDisable` hides "Disable" where it must
 * not be offered; `toast` words the success when the list has its own wording.
 */
export type Lifecycle<T> = ({ setValid: (input: { id: number; valid: boolean }) => Promise<unknown> } | { setEnabled: (input: { id: number; enabled: boolean }) => Promise<unknown> }) & {
  remove?: (input: { id: number }) => Promise<unknown>;
  canDisable?: (row: T) => boolean;
  toast?: (kind: "enabled" | "disabled" | "deleted", row: T) => string;
  /** The question before disabling or deleting, when the list words it its own way (an account is signed out, …). */
  confirmText?: (kind: "disable" | "delete", row: T) => { title: string; description: string };
};

const switchOf = <T,>(l: Lifecycle<T>) => (id: number, on: boolean) => ("setValid" in l ? l.setValid({ id, valid: on }) : l.setEnabled({ id, enabled: on }));

/**
 * The one admin table: a keyset-paged list ("load more") with a status column and the row
 * actions in one order — the row's urgent action, edit, its own actions, enable or disable,
 * delete — disable and delete after a confirmation.
 */
export function AdminTable<T extends { id: number }>({
  query,
  caption,
  columns,
  name,
  enabled = (row) => (row as { valid?: boolean }).valid !== false,
  status,
  onEdit,
  lifecycle,
  leading,
  extraActions,
  empty,
}: {
  query: ListQuery<T>;
  caption: string;
  columns: Column<T>[];
  name: (row: T) => string;
  enabled?: (row: T) => boolean;
  /** The status cell, when it says more than enabled/disabled (e.g. "pending"). */
  status?: (row: T) => ReactNode;
  onEdit?: (row: T) => void;
  lifecycle?: Lifecycle<T>;
  leading?: (row: T) => ReactNode;
  extraActions?: (row: T) => ReactNode;
  empty: { title: string; description?: string; action?: ReactNode };
}) {
  const t = useTranslations("adminConfig.common");
  const [open, setOpen] = useState<{ kind: "disable" | "delete"; row: T } | null>(null);
  const saved = useSaved();
  const errorOf = useAdminError();
  const { toast } = useToast();
  const toastFor = (kind: "enabled" | "disabled" | "deleted", row: T) => lifecycle?.toast?.(kind, row) ?? t(`${kind}Toast`, { name: name(row) });
  const enable = useMutation({
    mutationFn: (row: T) => switchOf(lifecycle!)(row.id, true),
    onSuccess: (_r, row) => saved(toastFor("enabled", row)),
    onError: (error) => toast({ title: errorOf(error).message, tone: "danger" }),
  });
  return (
    <>
      <PagedList query={query} empty={empty}>
        {(items) => (
          <Table caption={caption} captionHidden dense>
            <THead>
              <tr>
                {columns.map((c) => (
                  <Th key={c.key} align={c.align} className={c.className}>
                    {c.header}
                  </Th>
                ))}
                <Th>{t("columns.status")}</Th>
                <Th align="end">{t("columns.actions")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((row) => (
                <Tr key={row.id}>
                  {columns.map((c) => (
                    <Td key={c.key} align={c.align} numeric={c.numeric} className={c.className}>
                      {c.cell(row)}
                    </Td>
                  ))}
                  <Td>{status ? status(row) : <EnabledBadge enabled={enabled(row)} />}</Td>
                  <Td align="end" className="whitespace-nowrap">
                    <RowActions
                      name={name(row)}
                      enabled={enabled(row)}
                      leading={leading?.(row)}
                      onEdit={onEdit && (() => onEdit(row))}
                      onDisable={lifecycle && (lifecycle.canDisable?.(row) ?? true) ? () => setOpen({ kind: "disable", row }) : undefined}
                      onEnable={lifecycle && (() => enable.mutate(row))}
                      enabling={enable.isPending && enable.variables?.id === row.id}
                      onDelete={lifecycle?.remove && (() => setOpen({ kind: "delete", row }))}
                    >
                      {extraActions?.(row)}
                    </RowActions>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {open && lifecycle && (
        <LifecycleDialog kind={open.kind} name={name(open.row)} text={lifecycle.confirmText?.(open.kind, open.row)} valid={enabled(open.row)} toast={(kind) => toastFor(kind, open.row)} lifecycle={{ setEnabled: (v) => switchOf(lifecycle)(open.row.id, v), remove: lifecycle.remove && (() => lifecycle.remove!({ id: open.row.id })) }} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

/**
 * Disable or delete, after a question (AdminTable opens it; a tree of records opens it itself). A refused delete ("in use — disable it instead") stays
 * in the dialog with its reason, and offers to disable instead.
 */
export function LifecycleDialog({
  kind,
  name,
  text,
  valid,
  lifecycle,
  toast,
  onClose,
}: {
  kind: "disable" | "delete";
  name: string;
  text?: { title: string; description: string };
  valid: boolean;
  lifecycle: { setEnabled: (enabled: boolean) => Promise<unknown>; remove?: () => Promise<unknown> };
  toast: (kind: "disabled" | "deleted") => string;
  onClose: () => void;
}) {
  const t = useTranslations("adminConfig.common");
  const saved = useSaved();
  const errorOf = useAdminError();
  const done = (message: string) => {
    void saved(message);
    onClose();
  };
  const disable = useMutation({ mutationFn: () => lifecycle.setEnabled(false), onSuccess: () => done(toast("disabled")) });
  const remove = useMutation({ mutationFn: () => lifecycle.remove!(), onSuccess: () => done(toast("deleted")) });
  const active = kind === "delete" ? remove : disable;
  const error = active.error ? errorOf(active.error) : disable.error ? errorOf(disable.error) : null;
  const offerDisable = kind === "delete" && valid && remove.error !== null;
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={text?.title ?? t(kind === "delete" ? "deleteTitle" : "disableTitle", { name })}
      description={text?.description ?? t(kind === "delete" ? "deleteDescription" : "disableDescription")}
      submitLabel={t(kind === "delete" ? "actions.delete" : "actions.disable")}
      tone="danger"
      pending={remove.isPending || disable.isPending}
      error={null}
      onSubmit={() => active.mutate()}
    >
      {error && <Alert tone="danger">{error.message}</Alert>}
      {offerDisable && (
        <Button variant="secondary" onClick={() => disable.mutate()} loading={disable.isPending}>
          {t("actions.disableInstead")}
        </Button>
      )}
    </ConfirmDialog>
  );
}
