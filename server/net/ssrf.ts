import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import type { Tx } from "@/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { getSetting } from "@/server/services/settings";

/**
 * Addresses the desk never connects to on an admin's or a provider's say-so: loopback,
 * unspecified, link-local (cloud metadata at 169.254.169.254), private, carrier-grade NAT,
 * unique-local (fd00:ec2::254 is EC2's IPv6 metadata), multicast and reserved ranges. IPv6
 * forms that embed an IPv4 address (mapped, NAT64, 6to4) are checked by the address inside.
 */
const BLOCKED = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
    ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
    ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, "ipv4");
  const v6: [string, number][] = [["::", 128], ["::1", 128], ["fe80::", 10], ["fc00::", 7], ["ff00::", 8], ["2001:db8::", 32], ["100::", 64]];
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, "ipv6");
  return list;
})();

/** True when `address` (an IP literal) is one the desk must not connect to. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  const embedded = embeddedIpv4(lower);
  if (embedded) return BLOCKED.check(embedded, "ipv4");
  return BLOCKED.check(lower, "ipv6");
}

/** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96 (NAT64) or 2002::/16 (6to4). */
function embeddedIpv4(v6: string): string | null {
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (dotted) return dotted[1]!;
  const groups = expand(v6);
  if (!groups) return null;
  const asV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeros(5) && groups[5] === 0xffff) return asV4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return asV4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return asV4(groups[1]!, groups[2]!);
  return null;
}

function expand(v6: string): number[] | null {
  if (v6.includes(".")) return null;
  const [head, tail] = v6.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<number>(Math.max(0, fill)).fill(0), ...right];
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

/**
 * Hosts the admin allowed although they resolve to an internal address (an IMAP server on the
 * LAN, the test Dovecot on 127.0.0.1): the setting `mail.allowed_hosts` and the environment's
 * MAIL_ALLOWED_HOSTS, comma-separated, compared case-insensitively with the host as typed.
 */
export async function allowedHosts(db: Tx): Promise<Set<string>> {
  const listed = `${await getSetting(db, "mail.allowed_hosts")},${env().MAIL_ALLOWED_HOSTS}`;
  return new Set(
    listed
      .split(",")
      .map((h) => normalizeHost(h))
      .filter(Boolean),
  );
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Resolves `host` now, at connect time, and returns the address to connect to (the caller
 * connects to that IP and keeps the host name for TLS/SNI, so a second DNS answer cannot
 * swap it). Refused (AppError BAD_INPUT) when any answer is forbidden and the host is not
 * allowed, or when it does not resolve; the message never says which.
 */
export async function resolvePublicHost(host: string, allowed: Set<string>, resolve: Resolver = systemResolver): Promise<string> {
  const name = normalizeHost(host);
  let addresses: string[];
  if (isIP(name)) addresses = [name];
  else {
    try {
      addresses = (await resolve(name)).map((a) => a.address);
    } catch {
      throw new AppError("BAD_INPUT", "errors.hostUnreachable");
    }
  }
  if (addresses.length === 0) throw new AppError("BAD_INPUT", "errors.hostUnreachable");
  if (!allowed.has(name) && addresses.some(isForbiddenAddress)) throw new AppError("BAD_INPUT", "errors.hostInternal");
  return addresses[0]!;
}

const normalizeHost = (host: string) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
