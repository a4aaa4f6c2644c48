"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { TRPC_MAX_BATCH } from "@/server/trpc/limits";
import type { AppRouter } from "@/server/trpc/root";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browser: { userId: number; client: QueryClient } | undefined;

/**
 * The browser keeps one query client across navigations (React may drop state on the first
 * suspending render), but never hands one user's cache to the next user of the same tab.
 */
function getQueryClient(userId: number) {
  if (typeof window === "undefined") return makeQueryClient();
  if (!browser || browser.userId !== userId) {
    browser?.client.clear();
    browser = { userId, client: makeQueryClient() };
  }
  return browser.client;
}

export function TRPCReactProvider({ userId, children }: { userId: number; children: ReactNode }) {
  const queryClient = getQueryClient(userId);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions run over server-sent events (an EventSource, which reconnects by itself).
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: `${baseUrl()}/api/trpc`, transformer: superjson }),
          false: httpBatchLink({ url: `${baseUrl()}/api/trpc`, transformer: superjson, maxItems: TRPC_MAX_BATCH }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

// Server rendering never fetches through this link (pages prefetch in-process); the absolute
// URL only keeps the link valid if a query slips through unprefetched.
function baseUrl() {
  if (typeof window !== "undefined") return "";
  return `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}
