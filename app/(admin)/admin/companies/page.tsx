import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { CompaniesView } from "./companies-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.companies");
  return { title: t("title") };
}

export default async function CompaniesPage() {
  await requireActor("admin");
  const t = await getTranslations("adminDirectory.companies");
  await prefetch(trpc.adminDirectory.companyList.infiniteQueryOptions(adminListInput("", "all"), nextPage));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <CompaniesView />
      </HydrateClient>
    </>
  );
}
