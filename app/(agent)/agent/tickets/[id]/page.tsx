import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadTicketOrNotFound } from "@/app/_components/tickets/load-ticket";
import { ACTION_PERMISSION } from "@/server/auth/permissions";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { AgentTicketView } from "./ticket-view";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireActor("agent", "admin");
  const t = await getTranslations("ticket");
  const { data } = await loadTicketOrNotFound((await params).id);
  return { title: `${t("number", { number: data.ticket.number })} · ${data.ticket.title}` };
}

export default async function AgentTicketPage({ params }: Props) {
  const actor = await requireActor("agent", "admin");
  const { ticketId } = await loadTicketOrNotFound((await params).id);
  await prefetch(trpc.meta.options.queryOptions());

  return (
    <HydrateClient>
      <AgentTicketView ticketId={ticketId} viewer={{ id: actor.id, role: actor.role }} actionPermission={ACTION_PERMISSION} />
    </HydrateClient>
  );
}
