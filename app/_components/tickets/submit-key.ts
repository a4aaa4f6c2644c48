"use client";

import { useCallback, useState } from "react";

/**
 * The idempotency key a ticket or article form sends with every submission of one draft: a double
 * click or a retry after a lost answer creates nothing twice (server/services/articles/submit-key.ts).
 * A successful submit starts a new draft, so the form renews it then.
 */
export function useSubmitKey() {
  const [key, setKey] = useState(uuid);
  const renew = useCallback(() => setKey(uuid()), []);
  return { key, renew };
}

/** A v4 UUID; crypto.randomUUID exists only in secure contexts, and desks run on plain http too. */
function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
