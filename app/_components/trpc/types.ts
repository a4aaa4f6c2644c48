import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type TicketDetail = RouterOutputs["ticket"]["get"];
export type TicketArticle = TicketDetail["articles"][number];
export type TicketListItem = RouterOutputs["ticket"]["list"]["items"][number];
