import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadTicketOrNotFound } from "@/app/_components/tickets/load-ticket";
import { requireActor } from "@/server/auth/session";
import { HydrateClient } from "@/server/trpc/server";
import { PortalTicketView } from "./ticket-view";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireActor("customer");
  const t = await getTranslations("ticket");
  const { data } = await loadTicketOrNotFound((await params).id);
  return { title: `${t("number", { number: data.ticket.number })} · ${data.ticket.title}` };
}

export default async function PortalTicketPage({ params, searchParams }: Props) {
  const actor = await requireActor("customer");
  const { ticketId } = await loadTicketOrNotFound((await params).id);
  const justCreated = (await searchParams).created === "1";

  return (
    <HydrateClient>
      <PortalTicketView ticketId={ticketId} viewerId={actor.id} justCreated={justCreated} />
    </HydrateClient>
  );
}
