import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is missing: set it to a postgres:// URL, or start the desk with `npm start`, which provides one" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://"),
  AUTH_SECRET: z.string({ error: "AUTH_SECRET is missing (npm start generates one into .data/auth-secret)" }).min(32, "AUTH_SECRET must be at least 32 characters"),
  APP_URL: z.url("APP_URL must be a URL such as http://localhost:3000").default("http://localhost:3000"),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Reports read from this server (a read replica) when set; the desk's database otherwise. */
  REPORTS_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "REPORTS_DATABASE_URL must start with postgres:// or postgresql://").optional(),
  FILE_STORE_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent").default("info"),
  DB_POOL_SIZE: z.coerce.number("DB_POOL_SIZE must be a number").int().min(1).max(200).default(10),
  /**
   * Reverse proxies in front of the desk that append to X-Forwarded-For (0: none, the peer's
   * address is the client's). Each counted proxy must append the address it was reached from.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number("TRUSTED_PROXY_HOPS must be a number").int().min(0, "TRUSTED_PROXY_HOPS must be 0 or more").max(10).default(0),
  /** Hosts (comma-separated, as typed) the desk may connect to although they resolve to internal addresses. */
  MAIL_ALLOWED_HOSTS: z.string().default(""),
  /**
   * The authserv-id of the receiving mail host (RFC 8601): only an Authentication-Results header
   * it stamped (the topmost one) can vouch that mail from an agent's address is the agent's.
   */
  MAIL_AUTHSERV_ID: z.string().trim().min(1).max(255).optional(),
  UPLOADTHING_TOKEN: z.string().min(1).optional(),
  /**
   * The SDK's documented overrides (UTApiOptions apiUrl, ingestUrl, ufsHost, ufsAppIdLocation):
   * where UploadThing's API, ingest server and file host are; unset, UploadThing's own.
   */
  UPLOADTHING_API_URL: z.url("UPLOADTHING_API_URL must be a URL").optional(),
  UPLOADTHING_INGEST_URL: z.url("UPLOADTHING_INGEST_URL must be a URL").optional(),
  UPLOADTHING_UFS_HOST: z.string().trim().min(1).optional(),
  UPLOADTHING_UFS_APP_ID_LOCATION: z.enum(["subdomain", "path"], "UPLOADTHING_UFS_APP_ID_LOCATION must be subdomain or path").optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url("RESEND_BASE_URL must be a URL").optional(),
  RESEND_WEBHOOK_SECRET: z
    .string()
    .regex(/^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/, "RESEND_WEBHOOK_SECRET must be the webhook's signing secret from Resend (whsec_…)")
    .optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Reads and validates the configuration once; a bad variable names itself in one line. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join(".") ?? "configuration";
    throw new ConfigError(`Configuration error: ${name}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}
