import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { QueuesView } from "./queues-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("queues");
}

export default async function QueuesPage() {
  await requireActor("admin");
  await Promise.all([prefetch(trpc.adminConfig.queueTree.queryOptions({ status: "all" })), prefetch(trpc.adminConfig.options.queryOptions())]);
  return (
    <ConfigPage section="queues">
      <QueuesView />
    </ConfigPage>
  );
}
