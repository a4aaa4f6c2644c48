import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { StatesView } from "./states-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("states");
}

export default async function Page() {
  await requireActor("admin");
  await Promise.all([prefetch(trpc.adminConfig.stateList.infiniteQueryOptions(adminListInput("", "all"), nextPage)), prefetch(trpc.adminConfig.options.queryOptions())]);
  return (
    <ConfigPage section="states">
      <StatesView />
    </ConfigPage>
  );
}
