import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-config/config-page";
import { configListInput } from "@/app/_components/admin-config/list-input";
import { SnippetsView } from "@/app/_components/admin-config/snippets-view";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("signatures");
}

export default async function Page() {
  await requireActor("admin");
  await prefetch(trpc.adminConfig.signatureList.infiniteQueryOptions(configListInput("", "all"), { getNextPageParam: (last) => last.nextCursor }));
  return (
    <ConfigPage section="signatures">
      <SnippetsView kind="signature" />
    </ConfigPage>
  );
}
