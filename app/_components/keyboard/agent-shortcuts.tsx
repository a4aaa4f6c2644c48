"use client";

import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ShortcutsHelpDialog } from "./shortcuts-help";
import { GLOBAL_PRIORITY, ShortcutsProvider, useRegisteredShortcuts, useShortcutHelp } from "./use-shortcuts";

/** Keyboard layer of the agent area: the provider, the shortcuts every page has, and the "?" dialog. */
export function AgentShortcuts({ children }: { children: ReactNode }) {
  return (
    <ShortcutsProvider>
      <GlobalShortcuts />
      {children}
      <ShortcutsHelpDialog />
    </ShortcutsProvider>
  );
}

function GlobalShortcuts() {
  const t = useTranslations("keyboard");
  const router = useRouter();
  const help = useShortcutHelp();
  const navigation = t("groups.navigation");
  const go = (href: string) => () => router.push(href);

  useRegisteredShortcuts(
    [
      { keys: "g d", description: t("actions.dashboard"), group: navigation, run: go("/agent") },
      { keys: "g t", description: t("actions.tickets"), group: navigation, run: go("/agent/tickets") },
      { keys: "g s", description: t("actions.search"), group: navigation, run: go("/agent/search") },
      { keys: "/", description: t("actions.search"), group: navigation, run: go("/agent/search") },
      { keys: "g n", description: t("actions.newTicket"), group: navigation, run: go("/agent/tickets/new") },
      { keys: "c", description: t("actions.newTicket"), group: navigation, run: go("/agent/tickets/new") },
      { keys: "?", description: t("actions.help"), group: t("groups.general"), run: () => help?.setOpen(true) },
    ],
    GLOBAL_PRIORITY,
  );
  return null;
}
