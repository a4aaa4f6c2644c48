import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { matrixInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { PermissionsView } from "./permissions-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDirectory.permissions");
  return { title: t("title") };
}

export default async function PermissionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("admin");
  const t = await getTranslations("adminDirectory.permissions");
  const group = Number((await searchParams).group);
  const groupId = Number.isSafeInteger(group) && group > 0 ? group : null;
  await Promise.all([
    prefetch(trpc.adminDirectory.permissionMatrix.infiniteQueryOptions(matrixInput("", groupId), nextPage)),
    groupId ? prefetch(trpc.adminDirectory.groupPermissions.queryOptions({ groupId })) : null,
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <PermissionsView initialGroupId={groupId} />
      </HydrateClient>
    </>
  );
}
