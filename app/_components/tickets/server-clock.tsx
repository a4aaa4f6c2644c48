"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useNow } from "next-intl";

const SkewContext = createContext(0);

/**
 * The server's clock as seen from this browser: the area layout renders with the server's "now", and
 * the difference to the browser's clock at hydration is kept, so "3 minutes ago" is counted from the
 * time the desk wrote, not from a browser clock that runs ahead or behind.
 */
export function ServerClock({ serverNow, children }: { serverNow: number; children: ReactNode }) {
  const [skew] = useState(() => serverNow - Date.now());
  return <SkewContext value={skew}>{children}</SkewContext>;
}

/** The server's "now", refreshed every `updateInterval` milliseconds. */
export function useServerNow(updateInterval = 60_000): Date {
  const skew = useContext(SkewContext);
  const now = useNow({ updateInterval });
  return new Date(now.getTime() + skew);
}
