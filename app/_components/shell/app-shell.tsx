import type { ReactNode } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { signOutAction } from "@/app/(auth)/actions";
import { ShortcutsHelpButton } from "@/app/_components/keyboard/shortcuts-help";
import { Button } from "@/app/_components/ui/button";
import { ThemeToggle } from "@/app/_components/ui/theme-toggle";
import { ServerClock } from "@/app/_components/tickets/server-clock";
import { now } from "@/server/time/clock";
import { Brand } from "./brand";
import { LanguageSwitcher } from "./language-switcher";
import { NavLinks, type NavItem } from "./nav-links";
import { NotificationBell } from "./notification-bell";

export type ShellArea = "agent" | "portal" | "admin";
export type ShellUser = { id: number; timeZone: string; preferGregorian?: boolean; name: string; email: string; role: "customer" | "agent" | "admin" };

export type AppShellProps = {
  area: ShellArea;
  user: ShellUser;
  children: ReactNode;
};

const homes: Record<ShellArea, string> = {
  agent: "/agent/tickets",
  portal: "/portal/tickets",
  admin: "/admin",
};

/** Top bar + main landmark for the signed-in areas. */
export function AppShell({ area, user, children }: AppShellProps) {
  const t = useTranslations("nav");
  const items = navItems(area, user.role, t);

  return (
    // Relative times in the area count from the server's clock (rendered per request here).
    <ServerClock serverNow={now().getTime()}>
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-40 border-b border-border bg-surface/85 backdrop-blur-md">
          <div className="mx-auto flex min-h-14 w-full max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:px-6">
            <Brand href={homes[area]} area={t(`areas.${area}`)} />
            <div className="order-last -mx-2.5 w-[calc(100%+1.25rem)] pb-1 md:order-none md:mx-0 md:w-auto md:flex-1 md:pb-0">
              <NavLinks items={items} label={t("main")} />
            </div>
            <div className="ms-auto flex items-center gap-1">
              {area !== "portal" && user.role !== "customer" && <NotificationBell user={{ id: user.id, timeZone: user.timeZone, preferGregorian: user.preferGregorian }} />}
              <UserBadge user={user} label={t("signedInAs", { name: user.name })} />
              {area === "portal" && <LanguageSwitcher />}
              <ShortcutsHelpButton />
              <ThemeToggle />
              <form action={signOutAction}>
                <Button type="submit" variant="ghost" size="sm" icon={<SignOutIcon />}>
                  <span className="max-sm:sr-only">{t("signOut")}</span>
                </Button>
              </form>
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
          {children}
        </main>
      </div>
    </ServerClock>
  );
}

function navItems(area: ShellArea, role: ShellUser["role"], t: ReturnType<typeof useTranslations<"nav">>): NavItem[] {
  switch (area) {
    case "agent":
      return [
        { href: "/agent", label: t("dashboard") },
        { href: "/agent/tickets", label: t("tickets") },
        { href: "/agent/search", label: t("search") },
        { href: "/agent/tickets/new", label: t("newTicket") },
        ...(role === "admin" ? [{ href: "/admin", label: t("admin") }] : []),
      ];
    case "portal":
      return [
        { href: "/portal/tickets", label: t("myTickets") },
        { href: "/portal/tickets/new", label: t("newTicket") },
        { href: "/portal/profile", label: t("profile") },
      ];
    case "admin":
      return [
        { href: "/admin", label: t("adminOverview") },
        { href: "/admin/outbox", label: t("outbox") },
        { href: "/admin/quarantine", label: t("quarantine") },
        { href: "/admin/mailboxes", label: t("mailboxes") },
        ...(role !== "customer" ? [{ href: "/agent/tickets", label: t("agentArea") }] : []),
      ];
  }
}

function UserBadge({ user, label }: { user: ShellUser; label: string }) {
  const t = useTranslations("agentProfile");
  const badge = (
    <>
      <span
        aria-hidden="true"
        className="flex size-7 items-center justify-center rounded-full bg-accent-subtle text-xs font-semibold text-accent-text ring-1 ring-accent/15"
      >
        {initials(user.name || user.email)}
      </span>
      <span className="sr-only">{label}</span>
      <span aria-hidden="true" className="hidden max-w-40 truncate text-sm font-medium text-fg lg:inline">
        {user.name}
      </span>
    </>
  );
  // Customers reach their profile from the portal's navigation; agents and admins from their name.
  if (user.role === "customer") {
    return (
      <div className="me-1 flex items-center gap-2" title={user.email}>
        {badge}
      </div>
    );
  }
  return (
    <Link
      href="/agent/profile"
      title={`${t("openProfile")} (${user.email})`}
      className="me-1 flex items-center gap-2 rounded-md px-1 py-0.5 hover:bg-surface-hover"
    >
      {badge}
      <span className="sr-only">{t("openProfile")}</span>
    </Link>
  );
}

function SignOutIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-4 rtl:-scale-x-100">
      <path
        d="M8 4H5.5A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8M12.5 13.5 16 10l-3.5-3.5M16 10H8"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((part) => (part ? Array.from(part)[0] : ""))
    .join("")
    .toUpperCase();
}
