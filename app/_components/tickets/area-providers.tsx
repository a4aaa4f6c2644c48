import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/app/_components/trpc/provider";
import { ActorTimeZone } from "./time-zone";

/** What every signed-in area wraps its pages in: the tRPC client and the user's time zone and calendar. */
export function AreaProviders({ user, children }: { user: { id: number; timeZone: string; preferGregorian?: boolean }; children: ReactNode }) {
  return (
    <TRPCReactProvider userId={user.id}>
      <ActorTimeZone timeZone={validTimeZone(user.timeZone)} preferGregorian={user.preferGregorian}>{children}</ActorTimeZone>
    </TRPCReactProvider>
  );
}

function validTimeZone(value: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
