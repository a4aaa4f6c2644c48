import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, users } from "@/db/schema";
import type { Parsed } from "./parse";

/**
 * Whether the receiving host vouches for the From domain: the topmost Authentication-Results
 * header (RFC 8601), stamped by `authservId`, says dmarc=pass for it, or dkim=pass with a signing
 * domain aligned to it (the same domain or a parent). Only the topmost header counts: the
 * receiving host adds its own on top and must drop copies with its authserv-id that arrived
 * with the mail (RFC 8601 §5); anything further down may be the sender's own invention.
 */
export function authenticatedSender(p: Parsed, authservId: string | undefined): boolean {
  const address = p.from?.address;
  const top = p.headers.get("authentication-results")?.[0];
  if (!authservId || !address || !top) return false;
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const [head, ...results] = withoutComments(top).split(";");
  if (head?.trim().split(/\s+/)[0]?.toLowerCase() !== authservId.toLowerCase()) return false;
  return results.some((entry) => {
    const [first, ...props] = entry.trim().split(/\s+/);
    const [method, result] = (first ?? "").toLowerCase().split("=");
    if (result !== "pass") return false;
    const prop = (name: string) => props.find((x) => x.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1).toLowerCase();
    if (method === "dmarc") return (prop("header.from") ?? domain) === domain;
    if (method !== "dkim") return false;
    const signer = prop("header.d") ?? prop("header.i")?.split("@").pop();
    return Boolean(signer) && (domain === signer || domain.endsWith(`.${signer}`));
  });
}

/** The header value without its (possibly nested) comments; one pass, no backtracking. */
function withoutComments(value: string): string {
  let depth = 0;
  let out = "";
  for (const ch of value) {
    if (ch === "(") depth++;
    else if (ch === ")" && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/**
 * Whether `address` belongs on the ticket: the ticket's customer, or an address in From, To or
 * Cc of one of its (verified) articles. Unverified articles never vouch for their own sender.
 */
export async function onThread(tx: Tx, ticket: { id: number; customerUserId: number | null }, address: string): Promise<boolean> {
  const wanted = address.toLowerCase();
  if (ticket.customerUserId) {
    const [customer] = await tx.select({ email: users.email }).from(users).where(eq(users.id, ticket.customerUserId));
    if (customer?.email.toLowerCase() === wanted) return true;
  }
  const rows = await tx
    .select({ from: articles.fromAddress, to: articles.toAddresses, cc: articles.ccAddresses })
    .from(articles)
    .where(and(eq(articles.ticketId, ticket.id), eq(articles.unverified, false)))
    .orderBy(desc(articles.id))
    .limit(500);
  return rows.some((r) => [r.from, r.to, r.cc].some((list) => addressesIn(list).includes(wanted)));
}

/** The addresses in a stored address list ("Name <a@x>, b@y"), lower-cased. */
function addressesIn(list: string | null): string[] {
  if (!list) return [];
  return list
    .split(/[,<>\s]+/)
    .filter((token) => token.includes("@"))
    .map((token) => token.toLowerCase());
}
