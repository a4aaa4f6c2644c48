import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { BackIcon } from "@/app/_components/tickets/icons";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { NewAgentTicketForm } from "./new-ticket-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("zoom.newTicket");
  return { title: t("title") };
}

export default async function NewAgentTicketPage() {
  await requireActor("agent", "admin");
  const t = await getTranslations();
  await prefetch(trpc.meta.options.queryOptions());
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        eyebrow={
          <Link href="/agent/tickets" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("ticket.backToList")}
          </Link>
        }
        title={t("zoom.newTicket.title")}
        description={t("zoom.newTicket.description")}
      />
      <HydrateClient>
        <NewAgentTicketForm />
      </HydrateClient>
    </div>
  );
}
