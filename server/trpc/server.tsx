import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCInfiniteQueryOptions, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/app/_components/trpc/query-client";
import { createContext } from "./context";
import { appRouter, createCaller } from "./root";

/** One query client per request, shared by every server component that prefetches. */
export const getQueryClient = cache(makeQueryClient);

/** One context per request: the session is read and re-checked once, however many calls follow. */
const getContext = cache(createContext);

/** Options proxy that calls procedures in-process (no HTTP loopback) with this request's context. */
export const trpc = createTRPCOptionsProxy({
  ctx: getContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/** Direct calls: server-only data, and queries the options proxy cannot build (ticket.list pages). */
export const caller = cache(async () => createCaller(await getContext()));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any procedure's options
type AnyQueryOptions = ReturnType<TRPCQueryOptions<any>> | ReturnType<TRPCInfiniteQueryOptions<any>>;

/**
 * Starts a query into this request's client. `void prefetch(...)` streams it to the client;
 * `await prefetch(...)` renders the page with the data already there.
 */
export function prefetch(options: AnyQueryOptions): Promise<void> {
  const queryClient = getQueryClient();
  const meta = options.queryKey[1];
  if (meta && !Array.isArray(meta) && meta.type === "infinite") {
    return queryClient.prefetchInfiniteQuery(options as ReturnType<TRPCInfiniteQueryOptions<never>>);
  }
  return queryClient.prefetchQuery(options as ReturnType<TRPCQueryOptions<never>>);
}

/** Sends what this request prefetched to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
