import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { SearchView } from "./search-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("search");
  return { title: t("title") };
}

export default async function AgentSearchPage() {
  await requireActor("agent", "admin");
  const t = await getTranslations("search");
  await prefetch(trpc.meta.options.queryOptions());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <SearchView />
      </HydrateClient>
    </>
  );
}
