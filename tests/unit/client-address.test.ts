import { describe, expect, it } from "vitest";
import { appendPeer, clientAddressFrom } from "@/server/auth/client-address-chain";

describe("the client address through trusted proxies", () => {
  it("hops=0: the peer, whatever the client put in X-Forwarded-For", () => {
    expect(clientAddressFrom(appendPeer(undefined, "203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddressFrom(appendPeer("1.2.3.4", "203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddressFrom(appendPeer("1.2.3.4, 5.6.7.8", "203.0.113.9"), 0)).toBe("203.0.113.9");
  });

  it("hops=1: the address the one proxy appended, not what the client sent before it", () => {
    // client 198.51.100.4 forges "1.2.3.4"; the proxy (10.0.0.2) appends the client's real address.
    expect(clientAddressFrom(appendPeer("1.2.3.4, 198.51.100.4", "10.0.0.2"), 1)).toBe("198.51.100.4");
    expect(clientAddressFrom(appendPeer("198.51.100.4", "10.0.0.2"), 1)).toBe("198.51.100.4");
  });

  it("hops=2: two proxies, each appending its peer", () => {
    expect(clientAddressFrom(appendPeer("9.9.9.9, 198.51.100.4, 10.0.0.1", "10.0.0.2"), 2)).toBe("198.51.100.4");
  });

  it("a request that bypassed the proxies falls back to the farthest address known, never to a made-up one", () => {
    expect(clientAddressFrom(appendPeer(undefined, "203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddressFrom(null, 0)).toBe("unknown");
  });

  it("the peer's IPv4-mapped IPv6 form is shortened; duplicate headers are joined; blanks are skipped", () => {
    expect(appendPeer(undefined, "::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(appendPeer(["1.1.1.1", "2.2.2.2"], "::1")).toBe("1.1.1.1, 2.2.2.2, ::1");
    expect(clientAddressFrom(" , 198.51.100.4 ,, 10.0.0.2", 1)).toBe("198.51.100.4");
  });
});
