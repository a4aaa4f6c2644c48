"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { adminListInput, auditListInput, NO_AUDIT_FILTERS, type AuditFilters } from "@/app/_components/admin-kit/list-input";
import { PagedList, Toolbar } from "@/app/_components/admin-kit/list-view";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { DateTime } from "@/app/_components/tickets/relative-time";
import { useTimeZone } from "@/app/_components/tickets/time-zone";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";

type Entry = RouterOutputs["adminDirectory"]["auditList"]["items"][number];

const KNOWN_ACTIONS = ["create", "update", "delete", "enable", "disable", "approve", "reset_password", "set_roles", "set_permissions", "set_members", "merge", "send_reset_link"] as const;
const KNOWN_ENTITIES = ["agent", "customer", "company", "group", "role"] as const;

export function AuditView() {
  const t = useTranslations("adminDirectory.audit");
  const tDir = useTranslations("adminDirectory");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const set = (patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const settled = useDebounced(filters, 300);
  const timeZone = useTimeZone();
  const invalidRange = Boolean(settled.from && settled.to && settled.from > settled.to);
  const list = useInfiniteQuery({
    ...trpc.adminDirectory.auditList.infiniteQueryOptions(auditListInput(invalidRange ? { ...settled, to: "" } : settled, timeZone), { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const actors = useQuery(trpc.adminDirectory.agentList.queryOptions({ ...adminListInput("", "all", { roleId: null }), limit: 100 }));
  const entities = useQuery(trpc.adminDirectory.auditEntities.queryOptions());
  const label = useLabels();
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_AUDIT_FILTERS);
  const names: Names = Object.assign({}, ...(list.data?.pages.map((p) => p.names) ?? []));

  return (
    <div className="space-y-4">
      <Toolbar label={tDir("list.filters")}>
        <Field label={t("actor")} className="w-52">
          <Select value={filters.actorId ? String(filters.actorId) : ""} onChange={(e) => set({ actorId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t("anyActor")}</option>
            {actors.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("entity")} className="w-44">
          <Select value={filters.entity} onChange={(e) => set({ entity: e.target.value })}>
            <option value="">{t("anyEntity")}</option>
            {(entities.data ?? []).map((e) => (
              <option key={e} value={e}>
                {label.entity(e)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("action")} className="w-44">
          <Select value={filters.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="">{t("anyAction")}</option>
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label.action(a)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("from")} className="w-40">
          <Input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </Field>
        <Field label={t("to")} className="w-40" error={invalidRange ? t("invalidRange") : undefined}>
          <Input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </Field>
        {filtered && (
          <Button variant="ghost" onClick={() => setFilters(NO_AUDIT_FILTERS)}>
            {tCommon("clearFilters")}
          </Button>
        )}
      </Toolbar>
      <PagedList query={list} empty={{ title: t("empty"), description: filtered ? tDir("list.emptyHint") : undefined }}>
        {(items) => (
          <Table caption={t("caption")} captionHidden dense>
            <THead>
              <tr>
                <Th>{t("when")}</Th>
                <Th>{t("who")}</Th>
                <Th>{t("what")}</Th>
                <Th className="w-full">{t("changes")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((entry) => (
                <Tr key={entry.id}>
                  <Td className="align-top text-fg-muted">
                    <DateTime value={entry.createdAt} />
                  </Td>
                  <Td className="align-top whitespace-nowrap">
                    {entry.actorName ?? t("system")}
                    {entry.actorEmail && <div className="text-xs text-fg-muted">{entry.actorEmail}</div>}
                  </Td>
                  <Td className="align-top whitespace-nowrap">
                    <span className="font-medium">{label.action(entry.action)}</span> {label.entity(entry.entity)}
                    {entry.entityId && <span className="ms-1 font-mono text-xs text-fg-muted">#{entry.entityId}</span>}
                  </Td>
                  <Td className="align-top">
                    <Changes entry={entry} names={names} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
    </div>
  );
}

function Changes({ entry, names }: { entry: Entry; names: Names }) {
  const t = useTranslations("adminDirectory.audit");
  const tCommon = useTranslations("common");
  const show = (key: string, value: unknown) => readable(key, value, names, (yes) => tCommon(yes ? "yes" : "no"));
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) return <span className="text-fg-subtle">—</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {keys.map((key) => (
        <li key={key} className="break-words">
          <span className="font-medium text-fg-muted">{fieldLabel(key)}:</span>{" "}
          {key in before && <span className="text-fg-muted line-through decoration-fg-subtle">{show(key, before[key])}</span>}
          {key in before && key in after && (
            <span aria-label={t("changedTo")} className="mx-1 inline-block rtl:-scale-x-100">
              →
            </span>
          )}
          {key in after && <span>{show(key, after[key])}</span>}
        </li>
      ))}
    </ul>
  );
}

function useLabels() {
  const t = useTranslations("adminDirectory.audit");
  return {
    action: (a: string) => ((KNOWN_ACTIONS as readonly string[]).includes(a) ? t(`actions.${a as (typeof KNOWN_ACTIONS)[number]}`) : a),
    entity: (e: string) => ((KNOWN_ENTITIES as readonly string[]).includes(e) ? t(`entities.${e as (typeof KNOWN_ENTITIES)[number]}`) : e),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Names the server resolved for id fields, keyed `field:id` (server/services/admin/audit-names.ts). */
type Names = Record<string, string>;

/** "groupId" → "group", "customerMayChoosePriority" → "customer may choose priority". */
function fieldLabel(key: string): string {
  return key
    .replace(/Ids?$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/** A snapshot value as a person reads it: names for ids, yes/no, nested objects as "key: value". */
function readable(key: string, value: unknown, names: Names, yesNo: (yes: boolean) => string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => readable(key, v, names, yesNo)).join(", ") : "—";
  if (typeof value === "boolean") return yesNo(value);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${fieldLabel(k)}: ${readable(k, v, names, yesNo)}`).join(", ") : "—";
  }
  return names[`${key}:${String(value)}`] ?? String(value);
}
