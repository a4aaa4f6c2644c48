import { db } from "@/db";
import { requestClientAddress } from "@/server/auth/client-address";
import { requestActor } from "@/server/auth/session";
import type { Context } from "./init";

/**
 * For the tRPC server helpers inside a React render: the session re-checked against the user
 * row, sharing the page's and layouts' one load. /api/trpc builds its context from the request
 * itself (server/trpc/request-context.ts), once per HTTP request (a batch included).
 */
export async function createContext(): Promise<Context> {
  return { db, ...(await requestActor()), clientAddress: await requestClientAddress() };
}
