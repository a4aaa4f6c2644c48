import pino from "pino";

// One structured logger for web, worker and scripts. Secrets are redacted by path.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.HELPDESK_PROCESS ?? "app" },
  redact: {
    paths: ["password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret", "authorization", "*.authorization", "url", "databaseUrl"],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;
