import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { auditListInput, NO_AUDIT_FILTERS, nextPage } from "@/app/_components/admin-kit/list-input";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { AuditView } from "./audit-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.audit");
  return { title: t("title") };
}

export default async function AuditPage() {
  await requireActor("admin");
  const t = await getTranslations("adminDirectory.audit");
  await Promise.all([
    prefetch(trpc.adminDirectory.auditList.infiniteQueryOptions(auditListInput(NO_AUDIT_FILTERS, "UTC"), nextPage)),
    prefetch(trpc.adminDirectory.auditEntities.queryOptions()),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <AuditView />
      </HydrateClient>
    </>
  );
}
