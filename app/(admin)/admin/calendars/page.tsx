import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { adminListInput, nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { CalendarsView } from "./calendars-view";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("calendars");
}

export default async function Page() {
  await requireActor("admin");
  await prefetch(trpc.adminConfig.calendarList.infiniteQueryOptions(adminListInput("", "all"), nextPage));
  return (
    <ConfigPage section="calendars">
      <CalendarsView />
    </ConfigPage>
  );
}
