import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { Dashboard } from "@/app/_components/dashboard/dashboard";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function AgentHome() {
  await requireActor("agent", "admin");
  const t = await getTranslations("dashboard");
  await prefetch(trpc.dashboard.summary.queryOptions());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <Dashboard />
      </HydrateClient>
    </>
  );
}
