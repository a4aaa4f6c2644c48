import { infiniteQueryOptions } from "@tanstack/react-query";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import type { ListTicketsInput } from "@/server/schemas/tickets";

type Page = RouterOutputs["ticket"]["list"];
export type ListInput = Omit<ListTicketsInput, "cursor">;

/**
 * Keyset pages of ticket.list. Not tRPC's `infiniteQueryOptions`: that one writes TanStack's
 * page `direction` ("forward") into the input, where ticket.list keeps its sort direction.
 * The key has tRPC's shape, so `trpc.ticket.list.pathFilter()` still invalidates it.
 */
export function ticketListOptions(input: ListInput, fetchPage: (input: ListTicketsInput) => Promise<Page>) {
  return infiniteQueryOptions({
    queryKey: [["ticket", "list"], { input, type: "infinite" }] as const,
    queryFn: ({ pageParam }) => fetchPage({ ...input, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page) => last.nextCursor,
  });
}
