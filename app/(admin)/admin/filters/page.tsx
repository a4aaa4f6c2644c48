import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { FiltersView } from "./filters-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("filters");
}

export default async function Page() {
  await requireActor("admin");
  await Promise.all([prefetch(trpc.adminConfig.filterList.infiniteQueryOptions(adminListInput("", "all"), nextPage)), prefetch(trpc.adminConfig.options.queryOptions())]);
  return (
    <ConfigPage section="filters">
      <FiltersView />
    </ConfigPage>
  );
}
