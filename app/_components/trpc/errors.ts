"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

export type ErrorInfo = {
  /** What to tell the user, including what to do next. */
  message: string;
  /** A stale `version`: the caller offers a reload. */
  conflict: boolean;
};

/**
 * Turns a failed call into words for the user. The server's own message is shown where it is
 * written for users (conflicts, locks, closed tickets); the rest map to the catalog.
 */
export function useErrorInfo() {
  const t = useTranslations("errors");
  return (error: unknown): ErrorInfo => {
    const info = (message: string, extra: Partial<ErrorInfo> = {}) => ({ message, conflict: false, ...extra });
    if (!(error instanceof TRPCClientError)) return info(t("generic"));
    const data = error.data as { code?: string; issues?: unknown[] | null } | undefined;
    const code = data?.code;
    switch (code) {
      case undefined:
        return info(t("network"));
      case "CONFLICT":
        return info(error.message || t("conflict"), { conflict: true });
      case "PRECONDITION_FAILED":
        return info(error.message);
      case "UNAUTHORIZED":
        return info(t("unauthorizedAction"));
      case "FORBIDDEN":
        return info(t("forbiddenAction"));
      case "NOT_FOUND":
        return info(t("ticketGone"));
      case "TOO_MANY_REQUESTS":
        // Each limit says what to do next (wait an hour, send the files already uploaded, ...).
        return info(error.message || t("rateLimited"));
      case "BAD_REQUEST":
        // Schema failures come as a list of issues; rule failures carry a sentence for the user.
        return info(data?.issues?.length ? t("validationAction") : error.message || t("validationAction"));
      default:
        return info(t("generic"));
    }
  };
}
