/**
 * The headers next.config.ts headers() sends on every route, for the production web server's own
 * /api/trpc path (server/http/trpc-node.ts), which Next's header rules never see.
 * tests/integration/trpc-node.test.ts keeps the two lists equal.
 */
export const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
] as const;
