import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { TemplatesView } from "./templates-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("templates");
}

export default async function Page() {
  await requireActor("admin");
  await Promise.all([prefetch(trpc.adminConfig.templateList.infiniteQueryOptions(adminListInput("", "all"), nextPage)), prefetch(trpc.adminConfig.options.queryOptions())]);
  return (
    <ConfigPage section="templates">
      <TemplatesView />
    </ConfigPage>
  );
}
