import type { ReactNode } from "react";
import { AgentShortcuts } from "@/app/_components/keyboard/agent-shortcuts";
import { AppShell } from "@/app/_components/shell/app-shell";
import { LiveUpdates } from "@/app/_components/live/use-live-updates";
import { AreaProviders } from "@/app/_components/tickets/area-providers";
import { requireActor } from "@/server/auth/session";

export default async function AgentLayout({ children }: { children: ReactNode }) {
  // Pages check again: a layout does not re-run on client-side navigation.
  const actor = await requireActor("agent", "admin");
  return (
    <AgentShortcuts>
      <AppShell area="agent" user={actor}>
        <AreaProviders user={actor}>
          <LiveUpdates />
          {children}
        </AreaProviders>
      </AppShell>
    </AgentShortcuts>
  );
}
