"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/app/_components/ui/cn";

export type NavItem = { href: string; label: string };

/**
 * Top-bar links; the longest href that prefixes the current path is the current page. An area's
 * root ("/agent", the dashboard) is current only on itself, not on every page below it.
 */
export function NavLinks({ items, label }: { items: readonly NavItem[]; label: string }) {
  const pathname = usePathname();
  const current = items
    .filter((item) => pathname === item.href || (item.href.split("/").length > 2 && pathname.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap items-center gap-0.5">
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
