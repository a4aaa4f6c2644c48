import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { GroupsView } from "./groups-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.groups");
  return { title: t("title") };
}

export default async function GroupsPage() {
  await requireActor("admin");
  const t = await getTranslations("adminDirectory.groups");
  await prefetch(trpc.adminDirectory.groupList.infiniteQueryOptions(adminListInput("", "all"), nextPage));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <GroupsView />
      </HydrateClient>
    </>
  );
}
