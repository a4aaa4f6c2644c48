"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useToast } from "@/app/_components/ui/toast";

/**
 * After an admin change: the admin sees what happened and every admin list and choice reloads
 * (a renamed queue shows up in the tree, the filters and the address lists alike; a role's new
 * members in the agents list).
 */
export function useSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  return async (title: string) => {
    toast({ title, tone: "success" });
    await Promise.all([
      queryClient.invalidateQueries(trpc.adminConfig.pathFilter()),
      queryClient.invalidateQueries(trpc.adminDirectory.pathFilter()),
      queryClient.invalidateQueries(trpc.adminMail.pathFilter()),
      queryClient.invalidateQueries(trpc.adminSla.pathFilter()),
      queryClient.invalidateQueries(trpc.faqEditor.pathFilter()),
    ]);
  };
}

/** `onSuccess` for a change made from a dialog: the lists reload, a toast says what happened, the dialog closes. */
export function useSavedThen(onClose: () => void) {
  const saved = useSaved();
  return (toast: string) => () => {
    void saved(toast);
    onClose();
  };
}
