import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PasswordForm } from "@/app/_components/account/password-form";
import { ProfileForm } from "@/app/_components/account/profile-form";
import { QueueSubscriptions } from "@/app/_components/account/queue-subscriptions";
import { timeZoneChoices } from "@/app/_components/account/time-zones";
import { Alert } from "@/app/_components/ui/alert";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("agentProfile");
  return { title: t("title") };
}

/** The agent's own account: details, reply signature, notification channels, watched queues and password. */
export default async function AgentProfilePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("agent", "admin");
  const [t, tPassword, params] = await Promise.all([getTranslations("agentProfile"), getTranslations("profile.password"), searchParams, prefetch(trpc.account.profile.queryOptions())]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} className="mb-0" />
      {params.password === "changed" && <Alert tone="success">{tPassword("changed")}</Alert>}
      <HydrateClient>
        <ProfileForm timeZones={timeZoneChoices()} />
        <QueueSubscriptions />
        <PasswordForm returnTo="/agent/profile" />
      </HydrateClient>
    </div>
  );
}
