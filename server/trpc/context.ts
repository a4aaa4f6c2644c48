import { db } from "@/db";
import { requestClientAddress } from "@/server/auth/client-address";
import { requestActor } from "@/server/auth/session";
import type { Context } from "./init";

/**
 * Per request: the session from Auth.js, re-checked against the user row. Inside a React
 * render this shares the page's and layouts' one load; the /api/trpc handler calls it once
 * per HTTP request (a batch included).
 */
export async function createContext(): Promise<Context> {
  return { db, ...(await requestActor()), clientAddress: await requestClientAddress() };
}
