"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";

export const CONFIG_SECTIONS = [
  "queues",
  "states",
  "priorities",
  "types",
  "services",
  "calendars",
  "slas",
  "templates",
  "signatures",
  "salutations",
  "auto-responses",
  "notification-rules",
  "mail-accounts",
  "system-addresses",
  "filters",
  "settings",
] as const;
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];

/** Links between the configuration pages, above each of them. */
export function ConfigNav() {
  const t = useTranslations("adminConfig.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mt-2 mb-6 overflow-x-auto">
      <ul className="flex flex-wrap gap-1">
        {CONFIG_SECTIONS.map((section) => {
          const href = `/admin/${section}`;
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={section}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-flex h-7 items-center rounded-full px-2.5 text-xs font-medium ring-1 ring-border transition-colors motion-reduce:transition-none",
                  current ? "bg-accent-subtle text-accent-text ring-accent/30" : "text-fg-muted hover:bg-surface-hover hover:text-fg",
                )}
              >
                {t(section)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
