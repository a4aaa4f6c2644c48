import pino from "pino";

// One structured logger for web, worker and scripts. Secrets are redacted by path.
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const configured = process.env.LOG_LEVEL ?? "info";

export const logger = pino({
  // An invalid LOG_LEVEL is reported by the configuration check (server/env.ts), not here.
  level: LEVELS.includes(configured) ? configured : "info",
  base: { service: process.env.HELPDESK_PROCESS ?? "app" },
  redact: {
    paths: ["password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret", "authorization", "*.authorization", "url", "databaseUrl"],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Command-line tools print their result on stdout; their logs go to stderr.
}, process.env.HELPDESK_PROCESS === "cli" ? pino.destination(2) : undefined);

export type Logger = typeof logger;
