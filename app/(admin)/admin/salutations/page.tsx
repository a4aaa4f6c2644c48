import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { SnippetsView } from "@/app/_components/admin-kit/snippets-view";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("salutations");
}

export default async function Page() {
  await requireActor("admin");
  await prefetch(trpc.adminConfig.salutationList.infiniteQueryOptions(adminListInput("", "all"), nextPage));
  return (
    <ConfigPage section="salutations">
      <SnippetsView kind="salutation" />
    </ConfigPage>
  );
}
