import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { nextPage } from "@/app/_components/admin-kit/list-input";
import { requireActor } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/trpc/server";
import { MAILBOX_INPUT } from "./input";
import { MailboxTable } from "./mailbox-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminMail.mailboxes");
  return { title: t("title") };
}

export default async function MailboxesPage() {
  await requireActor("admin");
  const t = await getTranslations("adminMail.mailboxes");
  await prefetch(trpc.adminMail.accounts.infiniteQueryOptions(MAILBOX_INPUT, nextPage));

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button href="/admin/mail-accounts" variant="secondary">
            {t("manage")}
          </Button>
        }
      />
      <HydrateClient>
        <MailboxTable />
      </HydrateClient>
    </>
  );
}
