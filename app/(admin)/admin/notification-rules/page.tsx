import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { NotificationRulesView } from "./notification-rules-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("notificationRules");
}

export default async function Page() {
  await requireActor("admin");
  await Promise.all([prefetch(trpc.adminConfig.notificationRuleList.infiniteQueryOptions(adminListInput("", "all"), nextPage)), prefetch(trpc.adminConfig.options.queryOptions())]);
  return (
    <ConfigPage section="notificationRules">
      <NotificationRulesView />
    </ConfigPage>
  );
}
