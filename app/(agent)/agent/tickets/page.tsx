import type { Metadata } from "next";
import { knownTimeZone } from "@/server/time/wall-clock";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { PlusIcon } from "@/app/_components/tickets/icons";
import { parseQueueFilters, queueListInput, readerOf } from "@/app/_components/queue-view/params";
import { ticketListOptions } from "@/app/_components/tickets/list-query";
import { requireActor } from "@/server/auth/session";
import { caller, getQueryClient, HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { AgentTicketList } from "./ticket-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tickets");
  return { title: t("title") };
}

export default async function AgentTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("agent", "admin");
  const filters = parseQueueFilters(readerOf(await searchParams));
  const t = await getTranslations("tickets");
  await Promise.all([
    getQueryClient().prefetchInfiniteQuery(ticketListOptions(queueListInput(filters, actor.id, knownTimeZone(actor.timeZone)), async (input) => (await caller()).ticket.list(input))),
    prefetch(trpc.meta.options.queryOptions()),
    // The owner and responsible filters name agents; without them a chosen agent would flash as "Any".
    prefetch(trpc.meta.agents.queryOptions()),
    prefetch(trpc.queue.tree.queryOptions()),
    prefetch(trpc.savedSearch.list.queryOptions()),
  ]);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("agentDescription")}
        actions={<Button href="/agent/tickets/new" icon={<PlusIcon />}>{t("new")}</Button>}
      />
      <HydrateClient>
        <AgentTicketList actorId={actor.id} />
      </HydrateClient>
    </>
  );
}
