"use client";

import { useState, type ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { EnabledBadge } from "@/app/_components/admin-directory/badges";
import { useAdminError } from "@/app/_components/admin-directory/errors";
import { ConfirmDialog } from "@/app/_components/admin-directory/form-dialog";
import { PagedList, SearchField, Toolbar, type ListQuery } from "@/app/_components/admin-directory/list-view";
import { useDebounced } from "@/app/_components/admin-directory/use-debounced";
import { ValidityFilter } from "@/app/_components/admin-directory/validity-filter";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { configListInput, type Validity } from "./list-input";
import { useConfigSaved } from "./use-config-saved";

export type Column<T> = { key: string; header: ReactNode; cell: (row: T) => ReactNode; align?: "start" | "end"; numeric?: boolean };

/** Search text and validity filter of a list, and the (debounced) input they make. */
export function useListFilters() {
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Validity>("all");
  const input = configListInput(useDebounced(search.trim()), status);
  return { search, setSearch, status, setStatus, input };
}

/** Search, validity and a "New …" button above a configuration list. */
export function ConfigToolbar({ filters, searchLabel, newLabel, onNew, children }: { filters: ReturnType<typeof useListFilters>; searchLabel: string; newLabel?: string; onNew?: () => void; children?: ReactNode }) {
  const t = useTranslations("adminDirectory.list");
  return (
    <Toolbar label={t("filters")}>
      <SearchField label={searchLabel} value={filters.search} onChange={filters.setSearch} />
      <ValidityFilter value={filters.status} onChange={filters.setStatus} />
      {children}
      {onNew && newLabel && <Button onClick={onNew}>{newLabel}</Button>}
    </Toolbar>
  );
}

type Lifecycle = {
  setValid: (input: { id: number; valid: boolean }) => Promise<unknown>;
  remove?: (input: { id: number }) => Promise<unknown>;
};

/**
 * A keyset-paged table of configuration records with the usual row actions: edit, disable or
 * enable, delete (which the server refuses, with its reason, for anything in use).
 */
export function ConfigTable<T extends { id: number; valid: boolean }>({
  query,
  caption,
  columns,
  name,
  onEdit,
  lifecycle,
  extraActions,
  empty,
}: {
  query: ListQuery<T>;
  caption: string;
  columns: Column<T>[];
  name: (row: T) => string;
  onEdit?: (row: T) => void;
  lifecycle?: Lifecycle;
  extraActions?: (row: T) => ReactNode;
  empty: { title: string; action?: ReactNode };
}) {
  const t = useTranslations("adminConfig.common");
  const [open, setOpen] = useState<{ kind: "disable" | "delete"; row: T } | null>(null);
  const saved = useConfigSaved();
  const errorOf = useAdminError();
  const { toast } = useToast();
  const enable = useMutation({
    mutationFn: (row: T) => lifecycle!.setValid({ id: row.id, valid: true }),
    onSuccess: (_r, row) => saved(t("enabledToast", { name: name(row) })),
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
                  <Th key={c.key} align={c.align}>
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
                    <Td key={c.key} align={c.align} numeric={c.numeric}>
                      {c.cell(row)}
                    </Td>
                  ))}
                  <Td>
                    <EnabledBadge enabled={row.valid} />
                  </Td>
                  <Td align="end" className="whitespace-nowrap">
                    <div className="flex justify-end gap-1" role="group" aria-label={t("rowActions", { name: name(row) })}>
                      {onEdit && (
                        <Button size="sm" variant="ghost" onClick={() => onEdit(row)}>
                          {t("actions.edit")}
                        </Button>
                      )}
                      {extraActions?.(row)}
                      {lifecycle &&
                        (row.valid ? (
                          <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "disable", row })}>
                            {t("actions.disable")}
                          </Button>
                        ) : (
                          <Button size="sm" variant="ghost" loading={enable.isPending && enable.variables?.id === row.id} onClick={() => enable.mutate(row)}>
                            {t("actions.enable")}
                          </Button>
                        ))}
                      {lifecycle?.remove && (
                        <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => setOpen({ kind: "delete", row })}>
                          {t("actions.delete")}
                        </Button>
                      )}
                    </div>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {open && lifecycle && <LifecycleDialog kind={open.kind} name={name(open.row)} id={open.row.id} valid={open.row.valid} lifecycle={lifecycle} onClose={() => setOpen(null)} />}
    </>
  );
}

/**
 * Disable or delete, after a question. A refused delete ("in use — disable it instead") stays
 * in the dialog with its reason, and offers to disable instead.
 */
export function LifecycleDialog({ kind, name, id, valid, lifecycle, onClose }: { kind: "disable" | "delete"; name: string; id: number; valid: boolean; lifecycle: Lifecycle; onClose: () => void }) {
  const t = useTranslations("adminConfig.common");
  const saved = useConfigSaved();
  const errorOf = useAdminError();
  const done = (message: string) => {
    void saved(message);
    onClose();
  };
  const disable = useMutation({ mutationFn: () => lifecycle.setValid({ id, valid: false }), onSuccess: () => done(t("disabledToast", { name })) });
  const remove = useMutation({ mutationFn: () => lifecycle.remove!({ id }), onSuccess: () => done(t("deletedToast", { name })) });
  const active = kind === "delete" ? remove : disable;
  const error = active.error ? errorOf(active.error) : disable.error ? errorOf(disable.error) : null;
  const offerDisable = kind === "delete" && valid && remove.error !== null;
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={t(kind === "delete" ? "deleteTitle" : "disableTitle", { name })}
      description={t(kind === "delete" ? "deleteDescription" : "disableDescription")}
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
