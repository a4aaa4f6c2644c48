import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { quarantineInput } from "./input";
import { QuarantineList } from "./quarantine-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminMail.quarantine");
  return { title: t("title") };
}

export default async function QuarantinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("admin");
  const t = await getTranslations("adminMail.quarantine");
  const includeResolved = (await searchParams).resolved === "1";
  await prefetch(trpc.adminMail.quarantineList.infiniteQueryOptions(quarantineInput(includeResolved), nextPage));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <QuarantineList />
      </HydrateClient>
    </>
  );
}
