import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient } from "@/server/trpc/server";
import { ConfigNav } from "./config-nav";

export type ConfigNamespace =
  | "queues"
  | "states"
  | "priorities"
  | "types"
  | "services"
  | "calendars"
  | "slas"
  | "templates"
  | "signatures"
  | "salutations"
  | "autoResponses"
  | "notificationRules"
  | "mailAccounts"
  | "systemAddresses"
  | "filters"
  | "settings";

/** The frame of every configuration page: its heading, the section links, hydrated content. */
export async function ConfigPage({ section, children }: { section: ConfigNamespace; children: ReactNode }) {
  const t = await getTranslations(`adminConfig.${section}`);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ConfigNav />
      <HydrateClient>{children}</HydrateClient>
    </>
  );
}

/** The page title, from the section's catalog entry. */
export async function configTitle(section: ConfigNamespace) {
  const t = await getTranslations(`adminConfig.${section}`);
  return { title: t("title") };
}
