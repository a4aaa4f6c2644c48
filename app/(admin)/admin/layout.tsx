import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/shell/app-shell";
import { AreaProviders } from "@/app/_components/tickets/area-providers";
import { requireActor } from "@/server/auth/session";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Pages check again: a layout does not re-run on client-side navigation.
  const actor = await requireActor("admin");
  return (
    <AppShell area="admin" user={actor}>
      <AreaProviders user={actor}>{children}</AreaProviders>
    </AppShell>
  );
}
