import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { PlusIcon } from "@/app/_components/tickets/icons";
import { readerOf } from "@/app/_components/tickets/list-params";
import { ticketListOptions } from "@/app/_components/tickets/list-query";
import { requireActor } from "@/server/auth/session";
import { caller, getQueryClient, HydrateClient } from "@/server/trpc/server";
import { MyTickets } from "./my-tickets";
import { parsePortalFilters, portalFiltersInput } from "./portal-list-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tickets");
  return { title: t("myTitle") };
}

export default async function PortalTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("customer");
  const canSeeCompany = actor.seesCompanyTickets && actor.companyId !== null;
  const filters = parsePortalFilters(readerOf(await searchParams), canSeeCompany);
  const t = await getTranslations("tickets");
  await getQueryClient().prefetchInfiniteQuery(ticketListOptions(portalFiltersInput(filters), async (input) => (await caller()).ticket.list(input)));

  return (
    <>
      <PageHeader
        title={t("myTitle")}
        description={t("myDescription")}
        actions={<Button href="/portal/tickets/new" icon={<PlusIcon />}>{t("new")}</Button>}
      />
      <HydrateClient>
        <MyTickets canSeeCompany={canSeeCompany} viewerId={actor.id} />
      </HydrateClient>
    </>
  );
}
