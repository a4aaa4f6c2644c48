import { headers } from "next/headers";
import { env } from "@/server/env";
import { clientAddressFrom } from "./client-address-chain";

/** The current request's client address (route handlers, server actions, server components). */
export async function requestClientAddress(): Promise<string> {
  return clientAddressFrom((await headers()).get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
}

/** The same for an Auth.js `authorize` call, which gets the request instead of Next's headers. */
export function clientAddressOf(request: Request | undefined): string {
  return clientAddressFrom(request?.headers.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
}
