"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useToast } from "@/app/_components/ui/toast";

/**
 * After a directory change: every directory list and view reloads (one change can show up in
 * several, e.g. a role's members in the agents list) and the admin sees what happened.
 */
export function useSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  return async (title: string) => {
    toast({ title, tone: "success" });
    await queryClient.invalidateQueries(trpc.adminDirectory.pathFilter());
  };
}
