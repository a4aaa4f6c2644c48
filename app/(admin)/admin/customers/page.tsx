import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { CustomersView } from "./customers-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.customers");
  return { title: t("title") };
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("admin");
  const t = await getTranslations("adminDirectory.customers");
  const params = await searchParams;
  const company = Number(params.company);
  const companyId = Number.isSafeInteger(company) && company > 0 ? company : null;
  const status = params.status === "pending" ? "pending" : "all";
  await prefetch(trpc.adminDirectory.customerList.infiniteQueryOptions(adminListInput("", status, { companyId: companyId }), nextPage));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <CustomersView initialCompanyId={companyId} initialStatus={status} />
      </HydrateClient>
    </>
  );
}
