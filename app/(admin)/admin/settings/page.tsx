import type { Metadata } from "next";
import { ConfigPage, configTitle } from "@/app/_components/admin-kit/config-page";
import { requireActor } from "@/server/auth/session";
import { prefetch, trpc } from "@/server/trpc/server";
import { SettingsForm } from "./settings-form";

export async function generateMetadata(): Promise<Metadata> {
  return configTitle("settings");
}

export default async function SettingsPage() {
  await requireActor("admin");
  await prefetch(trpc.adminConfig.settingsGet.queryOptions());
  return (
    <ConfigPage section="settings">
      <SettingsForm />
    </ConfigPage>
  );
}
