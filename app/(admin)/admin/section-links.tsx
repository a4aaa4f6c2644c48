"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { CONFIG_SECTIONS } from "@/app/_components/admin-kit/config-nav";

const DIRECTORY = ["agents", "customers", "companies", "groups", "roles", "permissions", "audit"] as const;

/** The rest of the admin console, one link per page, so the overview is the way into all of it. */
export function SectionLinks() {
  const t = useTranslations("adminMail.overview");
  const tDirectory = useTranslations("adminDirectory");
  const tConfig = useTranslations("adminConfig.nav");
  return (
    <div className="mt-8 grid gap-4 lg:grid-cols-2">
      <LinkGroup id="admin-directory-heading" title={t("directoryHeading")} links={DIRECTORY.map((s) => ({ href: `/admin/${s}`, label: tDirectory(`${s}.title`) }))} />
      <LinkGroup id="admin-config-heading" title={t("configHeading")} links={CONFIG_SECTIONS.map((s) => ({ href: `/admin/${s}`, label: tConfig(s) }))} />
    </div>
  );
}

function LinkGroup({ id, title, links }: { id: string; title: string; links: { href: string; label: string }[] }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-border bg-surface p-5 shadow-xs">
      <h2 id={id} className="mb-3 text-sm font-semibold text-fg">
        {title}
      </h2>
      <ul className="grid grid-cols-2 gap-x-4 gap-y-0.5 sm:grid-cols-3">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className="-mx-2 block rounded-md px-2 py-1.5 text-sm text-accent-text hover:bg-surface-hover hover:underline">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
