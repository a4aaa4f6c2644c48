"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { BulkPdfLinks } from "@/app/_components/tickets/pdf-links";
import { useWallClock } from "@/app/_components/tickets/time-zone";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterInputs, RouterOutputs } from "@/app/_components/trpc/types";

type Action = RouterInputs["ticket"]["bulk"]["action"];
type Outcome = RouterOutputs["ticket"]["bulk"];
const ACTIONS: Action[] = ["close", "lock", "unlock", "move", "state", "priority", "owner", "classify", "merge"];
const NEEDS: Partial<Record<Action, "queue" | "state" | "priority" | "owner" | "ticket">> = { move: "queue", state: "state", priority: "priority", owner: "owner", merge: "ticket" };
const PENDING = ["pending_reminder", "pending_auto"];

/** Acts on the selected tickets; every ticket gets its own result, refusals listed by number. */
export function BulkBar({ selected, numbers, actorId, onDone }: { selected: number[]; numbers: Map<number, string>; actorId: number; onDone: () => void }) {
  const t = useTranslations("queueView.bulk");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const options = useQuery(trpc.meta.options.queryOptions());
  const agents = useQuery({ ...trpc.meta.agents.queryOptions(), enabled: selected.length > 0 });
  // No action until the agent picks one: a stray Enter must not close every selected ticket.
  const [action, setAction] = useState<Action | "">("");
  const [param, setParam] = useState("");
  const [pendingUntil, setPendingUntil] = useState("");
  const readWallClock = useWallClock();
  // Classify: "" keeps the field, "none" clears it.
  const [service, setService] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The numbers as they were when the action ran: the list may drop the tickets once it refreshes.
  const [named, setNamed] = useState<Map<number, string>>(new Map());
  const run = useMutation(
    trpc.ticket.bulk.mutationOptions({
      onSuccess: (result) => {
        setOutcome(result);
        onDone();
        void queryClient.invalidateQueries({ queryKey: [["ticket", "list"]] });
        void queryClient.invalidateQueries(trpc.queue.tree.pathFilter());
      },
    }),
  );
  const need = action ? NEEDS[action] : undefined;
  const pending = action === "state" && PENDING.includes(options.data?.states.find((s) => String(s.id) === param)?.type ?? "");

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!action) return;
    const n = Number(param);
    const ticketIds = selected;
    setNamed(new Map(numbers));
    const input =
      action === "move" ? { ticketIds, action, params: { queueId: n } }
      : action === "state" ? { ticketIds, action, params: { stateId: n, pendingUntil: pending ? (readWallClock(pendingUntil) ?? undefined) : undefined } }
      : action === "priority" ? { ticketIds, action, params: { priorityId: n } }
      : action === "merge" ? { ticketIds, action, params: { targetNumber: param.trim() } }
      : action === "owner" ? { ticketIds, action, params: { ownerId: n } }
      : action === "classify" ? { ticketIds, action, params: { typeId: classified(param), serviceId: classified(service) } }
      : { ticketIds, action };
    run.mutate(input as RouterInputs["ticket"]["bulk"]);
  }

  const choices =
    need === "queue" ? options.data?.visibleQueues.map((q) => ({ id: q.id, name: q.name }))
    : need === "state" ? options.data?.states.filter((s) => !["merged", "removed"].includes(s.type))
    : need === "priority" ? options.data?.priorities
    : need === "owner" ? agents.data?.map((a) => ({ id: a.id, name: a.id === actorId ? t("me", { name: a.name }) : a.name }))
    : undefined;

  return (
    <div className="space-y-2">
      {selected.length > 0 && (
        <form onSubmit={submit} aria-label={t("label")} className="flex flex-wrap items-end gap-3 rounded-lg border border-accent bg-accent-subtle p-3">
          <p className="pb-2 text-sm font-medium">{t("selected", { count: selected.length })}</p>
          <Field label={t("action")}>
            <Select value={action} required onChange={(e) => { setAction(e.target.value as Action | ""); setParam(""); setService(""); setPendingUntil(""); }}>
              <option value="">{t("chooseAction")}</option>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`actions.${a}`)}
                </option>
              ))}
            </Select>
          </Field>
          {choices && (
            <Field label={t(`params.${need!}`)}>
              <Select value={param} required onChange={(e) => setParam(e.target.value)}>
                <option value="">{t("choose")}</option>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {pending && (
            <Field label={t("params.pendingUntil")}>
              <Input type="datetime-local" required value={pendingUntil} onChange={(e) => setPendingUntil(e.target.value)} />
            </Field>
          )}
          {action === "classify" && (
            <>
              <ClassifySelect label={t("params.type")} value={param} onChange={setParam} choices={options.data?.types ?? []} />
              <ClassifySelect label={t("params.service")} value={service} onChange={setService} choices={options.data?.services ?? []} />
            </>
          )}
          {need === "ticket" && (
            <Field label={t("params.ticket")}>
              <Input required value={param} onChange={(e) => setParam(e.target.value)} />
            </Field>
          )}
          <Button type="submit" loading={run.isPending} disabled={!action}>
            {t("apply", { count: selected.length })}
          </Button>
          <BulkPdfLinks ticketIds={selected} />
        </form>
      )}
      <div aria-live="polite">
        {run.isError && <Alert tone="danger">{errorInfo(run.error).message}</Alert>}
        {outcome && (
          <Alert tone={outcome.refused ? "warning" : "success"} title={t("result", { done: outcome.done, refused: outcome.refused })} data-testid="bulk-result">
            <ul className="mt-1 list-disc ps-5">
              {outcome.results.map((r) => {
                const number = named.get(r.ticketId) ?? String(r.ticketId);
                return (
                  <li key={r.ticketId} data-ok={r.ok}>
                    {r.ok ? t(r.changed === false ? "unchangedItem" : "doneItem", { number }) : t("refusedItem", { number, reason: r.error ?? "" })}
                  </li>
                );
              })}
            </ul>
          </Alert>
        )}
      </div>
    </div>
  );
}

const classified = (value: string) => (value === "" ? undefined : value === "none" ? null : Number(value));

function ClassifySelect({ label, value, onChange, choices }: { label: string; value: string; onChange: (v: string) => void; choices: { id: number; name: string }[] }) {
  const t = useTranslations("queueView.bulk");
  return (
    <Field label={label}>
      <Select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("keep")}</option>
        <option value="none">{t("clear")}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
