"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useNow, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useShortcuts } from "@/app/_components/keyboard/use-shortcuts";
import { LockIcon, UnlockIcon } from "@/app/_components/tickets/icons";
import { usePriorityLabel } from "@/app/_components/tickets/priority-badge";
import { useStateLabel } from "@/app/_components/tickets/state-badge";
import { useWallClock } from "@/app/_components/tickets/time-zone";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";

/** Lock (and take ownership) or unlock; an admin may break another agent's lock. */
export function LockButton() {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const { toast } = useToast();
  const { ticket, viewer, can, lockedByOther } = useTicketActions();
  const feedback = useMutationFeedback();
  const lock = useMutation(trpc.ticket.lock.mutationOptions());
  const unlock = useMutation(trpc.ticket.unlock.mutationOptions());

  const unlocking = ticket.locked;
  const allowed = unlocking ? can("unlock") && (!lockedByOther || viewer.role === "admin") : can("lock");
  const mutation = unlocking ? unlock : lock;
  useShortcuts(allowed ? [{ keys: "l", description: unlocking ? t("panel.unlock") : t("panel.lock"), run: () => void run() }] : []);
  if (!allowed) return null;

  async function run() {
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version });
      await feedback.succeeded(unlocking ? t("toast.unlocked") : t("toast.locked"));
    } catch (e) {
      const message = feedback.failed(e);
      if (message) toast({ title: message, tone: "danger" });
    }
  }

  return (
    <Button variant="secondary" onClick={() => void run()} loading={mutation.isPending} icon={unlocking ? <UnlockIcon className="size-4" /> : <LockIcon className="size-4" />}>
      {unlocking ? t("panel.unlock") : t("panel.lock")}
    </Button>
  );
}

const PENDING_TYPES = new Set(["pending_reminder", "pending_auto"]);

export function StateForm() {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const { ticket, can, lockedByOther } = useTicketActions();
  const feedback = useMutationFeedback();
  const stateLabel = useStateLabel();
  const now = useNow({ updateInterval: 60_000 });
  const options = useQuery(trpc.meta.options.queryOptions());
  // Merging needs a target ticket, so it is not a plain state change.
  const states = (options.data?.states ?? []).filter((s) => s.type !== "merged");
  const [stateId, setStateId] = useState<string>("");
  const [pendingUntil, setPendingUntil] = useState("");
  const [pendingInvalid, setPendingInvalid] = useState(false);
  const readWallClock = useWallClock();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation(trpc.ticket.setState.mutationOptions());
  const chosenId = stateId || String(ticket.stateId);
  const chosen = states.find((s) => String(s.id) === chosenId);
  const pending = chosen ? PENDING_TYPES.has(chosen.type) : false;
  const allowed = can("state");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const until = pending ? (readWallClock(pendingUntil) ?? undefined) : undefined;
    if (pending && (!until || until.getTime() <= now.getTime())) {
      setPendingInvalid(true);
      document.getElementById("pending-until")?.focus();
      return;
    }
    setPendingInvalid(false);
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version, stateId: Number(chosenId), pendingUntil: until });
      setStateId("");
      await feedback.succeeded(t("toast.stateChanged", { state: chosen ? stateLabel(chosen.name) : "" }));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  // Without the permission the card is left out; the composer explains what the agent may do.
  if (!allowed) return null;

  return (
    <Card as="section" aria-labelledby="state-form-title">
      <CardHeader title={t("panel.state")} titleId="state-form-title" titleAs="h2" className="py-3" />
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-3">
          {error && <Alert tone="danger">{error}</Alert>}
          <Field label={t("panel.newState")}>
            <Select value={chosenId} onChange={(e) => setStateId(e.target.value)} disabled={lockedByOther}>
              {states.map((s) => (
                <option key={s.id} value={s.id}>
                  {stateLabel(s.name)}
                </option>
              ))}
            </Select>
          </Field>
          {pending && (
            <Field
              id="pending-until"
              label={t("panel.pendingUntil")}
              hint={t("panel.pendingHint")}
              error={pendingInvalid ? t("validation.pendingUntil") : undefined}
              required
            >
              <Input
                type="datetime-local"
                value={pendingUntil}
                onChange={(e) => setPendingUntil(e.target.value)}
                disabled={lockedByOther}
              />
            </Field>
          )}
          <Button
            type="submit"
            variant="secondary"
            fullWidth
            loading={mutation.isPending}
            disabled={lockedByOther || (chosenId === String(ticket.stateId) && (!pending || !pendingUntil))}
          >
            {t("panel.saveState")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

export function PriorityForm() {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const { ticket, can } = useTicketActions();
  const feedback = useMutationFeedback();
  const priorityLabel = usePriorityLabel();
  const options = useQuery(trpc.meta.options.queryOptions());
  const priorities = options.data?.priorities ?? [];
  const [priorityId, setPriorityId] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation(trpc.ticket.setPriority.mutationOptions());
  const chosenId = priorityId || String(ticket.priorityId);
  const allowed = can("priority");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const chosen = priorities.find((p) => String(p.id) === chosenId);
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version, priorityId: Number(chosenId) });
      setPriorityId("");
      await feedback.succeeded(t("toast.priorityChanged", { priority: chosen ? priorityLabel(chosen.level, chosen.name) : "" }));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  if (!allowed) return null;

  return (
    <Card as="section" aria-labelledby="priority-form-title">
      <CardHeader title={t("panel.priority")} titleId="priority-form-title" className="py-3" />
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-3">
          {error && <Alert tone="danger">{error}</Alert>}
          <Field label={t("priority")} labelHidden>
            <Select value={chosenId} onChange={(e) => setPriorityId(e.target.value)}>
              {priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {priorityLabel(p.level, p.name)}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" fullWidth loading={mutation.isPending} disabled={chosenId === String(ticket.priorityId)}>
            {t("panel.savePriority")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
