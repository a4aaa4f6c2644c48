import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { AgentsView } from "./agents-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.agents");
  return { title: t("title") };
}

export default async function AgentsPage() {
  const actor = await requireActor("admin");
  const t = await getTranslations("adminDirectory.agents");
  await prefetch(trpc.adminDirectory.agentList.infiniteQueryOptions(adminListInput("", "all", { roleId: null }), nextPage));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <AgentsView selfId={actor.id} />
      </HydrateClient>
    </>
  );
}
