"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";

export type NavItem = { href: string; label: string };

/**
 * Top-bar links; the longest href that prefixes the current path is the current page. An area's
 * root ("/agent", the dashboard) is current only on itself, not on every page below it.
 */
export function NavLinks({ items, label }: { items: readonly NavItem[]; label: string }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  // Phones: the links fold behind a menu button; the menu closes once a link is followed.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const current = items
    .filter((item) => pathname === item.href || (item.href.split("/").length > 2 && pathname.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <nav aria-label={label}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpenAt(open ? null : pathname)}
        className="mx-2.5 mb-1 inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-fg-muted hover:bg-surface-hover hover:text-fg md:hidden"
      >
        <svg aria-hidden viewBox="0 0 16 16" className="size-4">
          <path d="M2.5 4h11M2.5 8h11M2.5 12h11" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        {t("menu")}
        {current && <span className="text-fg">· {items.find((i) => i.href === current)?.label}</span>}
      </button>
      <ul className={cn("flex-wrap items-center gap-0.5 max-md:flex-col max-md:items-stretch md:flex", open ? "flex" : "hidden md:flex")}>
        {items.map((item) => {
          const active = item.href === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium transition-colors motion-reduce:transition-none",
                  active
                    ? "bg-surface-muted text-fg ring-1 ring-border"
                    : "text-fg-muted hover:bg-surface-hover hover:text-fg",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
