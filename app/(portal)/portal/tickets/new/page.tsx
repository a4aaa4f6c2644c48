import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { BackIcon } from "@/app/_components/tickets/icons";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { NewRequestForm } from "./new-request-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tickets.create");
  return { title: t("portalTitle") };
}

export default async function NewPortalTicketPage() {
  await requireActor("customer");
  const t = await getTranslations();
  await prefetch(trpc.meta.options.queryOptions());
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        eyebrow={
          <Link href="/portal/tickets" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("ticket.backToMyTickets")}
          </Link>
        }
        title={t("tickets.create.portalTitle")}
        description={t("tickets.create.portalDescription")}
      />
      <HydrateClient>
        <NewRequestForm />
      </HydrateClient>
    </div>
  );
}
