"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useToast } from "@/app/_components/ui/toast";

/**
 * After a configuration change: the admin sees what happened and every configuration list and
 * choice reloads (a renamed queue shows up in the tree, the filters and the address list alike).
 */
export function useConfigSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  return async (title: string) => {
    toast({ title, tone: "success" });
    await queryClient.invalidateQueries(trpc.adminConfig.pathFilter());
  };
}
