import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { SlasView } from "./slas-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("slas");
}

export default async function Page() {
  await requireActor("admin");
  await Promise.all([prefetch(trpc.adminSla.slaList.infiniteQueryOptions(adminListInput("", "all"), nextPage)), prefetch(trpc.adminConfig.options.queryOptions())]);
  return (
    <ConfigPage section="slas">
      <SlasView />
    </ConfigPage>
  );
}
