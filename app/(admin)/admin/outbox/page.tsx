import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { outboxListInput, parseOutboxFilters, readerOf } from "./filters";
import { OutboxList } from "./outbox-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminMail.outbox");
  return { title: t("title") };
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("admin");
  const t = await getTranslations("adminMail.outbox");
  const filters = parseOutboxFilters(readerOf(await searchParams));
  await prefetch(trpc.adminMail.outboxList.infiniteQueryOptions(outboxListInput(filters), nextPage));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <OutboxList />
      </HydrateClient>
    </>
  );
}
