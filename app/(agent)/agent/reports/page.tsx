import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { ReportsView } from "./reports-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

export default async function ReportsPage() {
  await requireActor("agent", "admin");
  const t = await getTranslations("reports");
  await Promise.all([prefetch(trpc.meta.options.queryOptions()), prefetch(trpc.report.list.queryOptions()), prefetch(trpc.queue.tree.queryOptions())]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <ReportsView />
      </HydrateClient>
    </>
  );
}
