"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { useTRPC } from "@/app/_components/trpc/provider";
import { ActionDialog } from "./action-dialog";
import { useTicketActions } from "./use-ticket-actions";

type Props = { open: boolean; onClose: () => void };

/** Moves the ticket; the server also checks move_into on the target queue. */
export function MoveDialog({ open, onClose }: Props) {
  const t = useTranslations("zoom.move");
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const options = useQuery(trpc.meta.options.queryOptions());
  const queues = (options.data?.visibleQueues ?? []).filter((q) => q.id !== ticket.queueId);
  const [queueId, setQueueId] = useState("");
  const [invalid, setInvalid] = useState(false);
  const mutation = useMutation(trpc.ticket.move.mutationOptions());
  const chosen = queues.find((q) => String(q.id) === queueId);

  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t("title")}
      description={t("description", { queue: ticket.queueName })}
      submitLabel={t("submit")}
      success={t("done", { queue: chosen?.name ?? "" })}
      run={async () => {
        if (!queueId) return setInvalid(true), false;
        await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version, queueId: Number(queueId) });
      }}
    >
      <Field label={t("queue")} error={invalid ? t("required") : undefined} required>
        <Select value={queueId} onChange={(e) => setQueueId(e.target.value)}>
          <option value="">{t("choose")}</option>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
    </ActionDialog>
  );
}

/** Owner or responsible: both pick from the agents who may own tickets in this queue. */
export function AgentDialog({ open, onClose, role }: Props & { role: "owner" | "responsible" }) {
  const t = useTranslations(`zoom.${role}`);
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const agents = useQuery({ ...trpc.meta.owners.queryOptions({ ticketId: ticket.id }), enabled: open });
  const [agentId, setAgentId] = useState("");
  const [invalid, setInvalid] = useState(false);
  const setOwner = useMutation(trpc.ticket.setOwner.mutationOptions());
  const setResponsible = useMutation(trpc.ticket.setResponsible.mutationOptions());
  const chosen = agents.data?.find((a) => String(a.id) === agentId);

  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t("title")}
      description={t("description")}
      submitLabel={t("submit")}
      success={t("done", { name: chosen?.name ?? "" })}
      run={async () => {
        if (!agentId) return setInvalid(true), false;
        const base = { ticketId: ticket.id, version: ticket.version };
        if (role === "owner") await setOwner.mutateAsync({ ...base, ownerId: Number(agentId) });
        else await setResponsible.mutateAsync({ ...base, responsibleId: Number(agentId) });
      }}
    >
      <Field label={t("agent")} error={invalid ? t("required") : undefined} required>
        <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          <option value="">{t("choose")}</option>
          {(agents.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
    </ActionDialog>
  );
}

export function CloseDialog({ open, onClose }: Props) {
  const t = useTranslations("zoom.close");
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const mutation = useMutation(trpc.ticket.close.mutationOptions());
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t("title")}
      description={t("description")}
      submitLabel={t("submit")}
      success={t("done")}
      run={async () => {
        await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version });
      }}
    />
  );
}
