import { defaultShouldDehydrateQuery, MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";

/**
 * A call refused as UNAUTHORIZED means the session is gone (signed out elsewhere, or the account
 * was disabled or changed): /session-ended drops the cookie and explains why on the sign-in page,
 * whichever button or query found out first.
 */
function endSessionOnUnauthorized(error: unknown) {
  if (typeof window === "undefined") return;
  if (!(error instanceof TRPCClientError)) return;
  if ((error.data as { code?: string } | undefined)?.code !== "UNAUTHORIZED") return;
  // A full load on purpose: /session-ended is a route handler that clears the cookie, not a page.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/session-ended");
}

/**
 * One factory for the server (one client per request) and the browser (one per signed-in user).
 * superjson on both sides of dehydrate/hydrate keeps Dates as Dates across the RSC boundary.
 */
export function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOnUnauthorized }),
    mutationCache: new MutationCache({ onError: endSessionOnUnauthorized }),
    defaultOptions: {
      queries: {
        // Data prefetched on the server must not be refetched the moment it hydrates.
        staleTime: 30 * 1000,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Pending prefetches stream to the client instead of blocking the page.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        // Next.js detects dynamic rendering through thrown errors and redacts them itself.
        shouldRedactErrors: () => false,
      },
      hydrate: {
        deserializeData: superjson.deserialize,
      },
    },
  });
}
