import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { RolesView } from "./roles-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.roles");
  return { title: t("title") };
}

export default async function RolesPage() {
  await requireActor("admin");
  const t = await getTranslations("adminDirectory.roles");
  await prefetch(trpc.adminDirectory.roleList.infiniteQueryOptions(adminListInput("", "all"), nextPage));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <RolesView />
      </HydrateClient>
    </>
  );
}
