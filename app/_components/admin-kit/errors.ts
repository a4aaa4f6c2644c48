"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

export type AdminErrorInfo = {
  /** What to tell the admin, including what to do next. */
  message: string;
  /** Per-field messages from the input schema, keyed by the field's path ("email", "password"). */
  fields: Record<string, string>;
};

/**
 * Turns a failed admin call into words. Admin services write their refusals for people ("This
 * group is in use … Disable it instead."), so those messages are shown as they are.
 */
export function useAdminError() {
  const t = useTranslations("errors");
  return (error: unknown): AdminErrorInfo => {
    const info = (message: string, fields: Record<string, string> = {}) => ({ message, fields });
    if (!(error instanceof TRPCClientError)) return info(t("generic"));
    const data = error.data as { code?: string; issues?: { path: string; message: string }[] | null } | undefined;
    switch (data?.code) {
      case undefined:
        return info(t("network"));
      case "UNAUTHORIZED":
        return info(t("unauthorizedAction"));
      case "FORBIDDEN":
        return info(t("forbiddenAction"));
      case "TOO_MANY_REQUESTS":
        return info(t("rateLimited"));
      case "BAD_REQUEST":
        if (data.issues?.length) return info(t("validationAction"), Object.fromEntries(data.issues.map((i) => [i.path, i.message])));
        return info(error.message || t("validationAction"));
      case "NOT_FOUND":
      case "CONFLICT":
      case "PRECONDITION_FAILED":
        return info(error.message || t("generic"));
      default:
        return info(t("generic"));
    }
  };
}
