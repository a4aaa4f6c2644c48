import { isIP } from "node:net";

/** X-Forwarded-For with the peer appended, as a proxy forwards it; IPv4-mapped IPv6 addresses shortened. */
export function appendPeer(forwardedFor: string | string[] | undefined, peer: string | undefined): string {
  const received = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : (forwardedFor ?? "");
  const address = peer?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "") ?? "unknown";
  return received.trim() ? `${received}, ${address}` : address;
}

/**
 * The client's address from X-Forwarded-For as the desk's web server hands it on (the peer is
 * the rightmost entry). Only the `hops` entries right of the client were written by proxies we
 * trust; anything left of them is what the client chose to send.
 */
export function clientAddressFrom(forwardedFor: string | null | undefined, hops: number): string {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request skipped a proxy; the leftmost is the farthest known.
  const entry = chain[Math.max(0, chain.length - 1 - hops)];
  // Only an address becomes a throttle key: anything else a client wrote there shares one bucket.
  return entry && isIP(entry) ? entry : "unknown";
}
