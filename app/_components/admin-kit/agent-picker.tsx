"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Spinner } from "@/app/_components/ui/spinner";
import { adminListInput } from "./list-input";
import { useDebounced } from "./use-debounced";

export type PickedAgent = { id: number; name: string; email: string };

/** Search agents by name or e-mail and add them; already chosen ones are left out of the results. */
export function AgentPicker({ chosen, onAdd, label }: { chosen: readonly number[]; onAdd: (agent: PickedAgent) => void; label: string }) {
  const t = useTranslations("adminDirectory.agentPicker");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim());
  const found = useQuery({ ...trpc.adminDirectory.agentList.queryOptions({ ...adminListInput(term, "enabled", { roleId: null }), limit: 8 }), enabled: term.length > 0 });
  const results = (found.data?.items ?? []).filter((a) => !chosen.includes(a.id));
  return (
    <div className="space-y-2">
      <Field label={label} hint={t("hint")}>
        <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </Field>
      {term && found.isFetching && <Spinner size="sm" label={tCommon("loading")} />}
      {term && found.isSuccess && results.length === 0 && <p className="text-sm text-fg-muted">{t("none")}</p>}
      {results.length > 0 && (
        <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("results")}>
          {results.map((agent) => (
            <li key={agent.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <span className="min-w-0">
                <span className="block truncate font-medium">{agent.name}</span>
                <span className="block truncate text-xs text-fg-muted">{agent.email}</span>
              </span>
              <Button size="sm" variant="secondary" onClick={() => onAdd(agent)} aria-label={t("addNamed", { name: agent.name })}>
                {t("add")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Agents chosen by name (a rule's recipients): the chosen ones as removable chips, and the picker to add more. */
export function ChosenAgents({ agents, onChange, label, listLabel, removeLabel }: { agents: readonly { id: number; name: string }[]; onChange: (agents: { id: number; name: string }[]) => void; label: string; listLabel: string; removeLabel: (name: string) => string }) {
  return (
    <>
      {agents.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label={listLabel}>
          {agents.map((a) => (
            <li key={a.id} className="flex items-center gap-1 rounded-full bg-surface-muted py-0.5 ps-2.5 pe-1 text-sm ring-1 ring-border">
              {a.name}
              <Button size="icon-sm" variant="ghost" aria-label={removeLabel(a.name)} onClick={() => onChange(agents.filter((x) => x.id !== a.id))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <AgentPicker label={label} chosen={agents.map((a) => a.id)} onAdd={(a) => onChange([...agents, { id: a.id, name: a.name }])} />
    </>
  );
}
