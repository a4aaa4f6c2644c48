"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import type { TicketDetail } from "@/app/_components/trpc/types";
import { useToast } from "@/app/_components/ui/toast";
import type { TicketAction } from "@/server/auth/permissions";

export type Viewer = { id: number; role: "customer" | "agent" | "admin" };

/** What every action form on the zoom needs: the ticket, who looks, and the page-wide conflict banner. */
export type TicketActionContext = {
  ticket: TicketDetail["ticket"];
  viewer: Viewer;
  can: (action: TicketAction) => boolean;
  lockedByOther: boolean;
  reportConflict: (message: string) => void;
};

export const TicketActions = createContext<TicketActionContext | null>(null);

export function useTicketActions(): TicketActionContext {
  const value = useContext(TicketActions);
  if (!value) throw new Error("useTicketActions() outside the ticket view");
  return value;
}

/**
 * Success and failure handling shared by every mutation on the ticket: refresh the ticket
 * (awaited, so the next action sends the new version), toast, and route a stale-version
 * conflict to the banner with its Reload button; other errors go back to the form.
 */
export function useMutationFeedback() {
  const { ticket, reportConflict } = useTicketActions();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errorInfo = useErrorInfo();

  return {
    async succeeded(title: string) {
      void queryClient.invalidateQueries(trpc.ticket.list.pathFilter());
      void queryClient.invalidateQueries(trpc.ticket.history.queryFilter({ ticketId: ticket.id }));
      void queryClient.invalidateQueries(trpc.ticket.links.queryFilter({ ticketId: ticket.id }));
      await queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId: ticket.id }));
      toast({ title, tone: "success" });
    },
    /** Returns the message the form should show, or null when the banner took it. */
    failed(error: unknown): string | null {
      const info = errorInfo(error);
      if (info.conflict) {
        reportConflict(info.message);
        return null;
      }
      return info.message;
    },
  };
}
