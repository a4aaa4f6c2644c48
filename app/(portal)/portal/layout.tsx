import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/shell/app-shell";
import { LiveUpdates } from "@/app/_components/live/use-live-updates";
import { AreaProviders } from "@/app/_components/tickets/area-providers";
import { requireActor } from "@/server/auth/session";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Pages check again: a layout does not re-run on client-side navigation.
  const actor = await requireActor("customer");
  return (
    <AppShell area="portal" user={actor}>
      <AreaProviders user={actor}>
        <LiveUpdates />
        {children}
      </AreaProviders>
    </AppShell>
  );
}
