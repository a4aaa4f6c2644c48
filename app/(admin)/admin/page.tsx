import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireActor } from "@/server/auth/session";
import { caller } from "@/server/trpc/server";
import { SectionLinks } from "./section-links";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminMail.overview");
  return { title: t("title") };
}

/** The admin console's start page: one card per section, with what needs attention on it. */
export default async function AdminOverviewPage() {
  await requireActor("admin");
  const t = await getTranslations("adminMail.overview");
  const api = await caller();
  const [waiting, accounts] = await Promise.all([api.adminMail.quarantineList({ limit: 100 }), api.adminMail.accounts({ limit: 100 })]);
  const waitingCount = waiting.nextCursor ? "100+" : String(waiting.items.length);
  const failing = accounts.items.filter((a) => a.valid && a.lastError).length;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <section aria-labelledby="admin-mail-heading">
        <h2 id="admin-mail-heading" className="mb-3 text-sm font-semibold text-fg-muted">
          {t("mailHeading")}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <SectionCard href="/admin/outbox" title={t("outbox.title")} description={t("outbox.description")} icon={<OutboxIcon />} />
          <SectionCard
            href="/admin/quarantine"
            title={t("quarantine.title")}
            description={t("quarantine.description")}
            icon={<QuarantineIcon />}
            status={
              waiting.items.length > 0 ? (
                <Badge tone="warning" dot>
                  {t("quarantine.waiting", { count: waitingCount })}
                </Badge>
              ) : (
                <Badge tone="success" dot>
                  {t("quarantine.empty")}
                </Badge>
              )
            }
          />
          <SectionCard
            href="/admin/mailboxes"
            title={t("mailboxes.title")}
            description={t("mailboxes.description")}
            icon={<MailboxIcon />}
            status={
              accounts.items.length === 0 ? (
                <Badge>{t("mailboxes.none")}</Badge>
              ) : failing > 0 ? (
                <Badge tone="danger" dot>
                  {t("mailboxes.failing", { count: failing })}
                </Badge>
              ) : (
                <Badge tone="success" dot>
                  {t("mailboxes.healthy", { count: accounts.items.length })}
                </Badge>
              )
            }
          />
        </ul>
      </section>

      <SectionLinks />
    </>
  );
}

function SectionCard({ href, title, description, icon, status }: { href: string; title: string; description: string; icon: ReactNode; status?: ReactNode }) {
  return (
    <li className="relative flex flex-col gap-3 rounded-lg border border-border bg-surface p-5 shadow-xs transition-colors focus-within:ring-3 focus-within:ring-ring/25 hover:border-border-strong hover:bg-surface-hover motion-reduce:transition-none">
      <div className="flex items-center gap-3">
        <span aria-hidden="true" className="flex size-9 items-center justify-center rounded-lg bg-accent-subtle text-accent-text ring-1 ring-accent/15">
          {icon}
        </span>
        <h3 className="text-[15px] font-semibold text-fg">
          {/* The whole card is the link's target area; the heading keeps the name short for lists of links. */}
          <Link href={href} className="outline-none after:absolute after:inset-0 after:rounded-lg">
            {title}
          </Link>
        </h3>
      </div>
      <p className="text-sm text-pretty text-fg-muted">{description}</p>
      {status && <div className="mt-auto">{status}</div>}
    </li>
  );
}

function OutboxIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" className="size-[18px]" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d="M17 3 9 11M17 3l-5 14-3-6-6-3 14-5Z" />
    </svg>
  );
}

function QuarantineIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" className="size-[18px]" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d="M10 2.5 3.5 5v4.5c0 4 2.8 7 6.5 8 3.7-1 6.5-4 6.5-8V5L10 2.5Z" />
      <path d="M10 7v3.5M10 13.2v.1" />
    </svg>
  );
}

function MailboxIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" className="size-[18px]" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <rect x="2.75" y="4.25" width="14.5" height="11.5" rx="2" />
      <path d="m3.5 5.5 6.5 5 6.5-5" />
    </svg>
  );
}
