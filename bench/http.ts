import superjson from "superjson";

/**
 * One signed-in browser, as far as the server can tell: Auth.js's credentials flow over HTTP
 * (CSRF token + cookie, then the callback that sets the session cookie), then tRPC calls with
 * the superjson transformer (server/trpc/init.ts), one procedure per request, as httpLink sends.
 */
export class AgentSession {
  private cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    readonly email: string,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  async signIn(password: string): Promise<void> {
    const csrf = await fetch(`${this.base}/api/auth/csrf`, { headers: { cookie: this.cookieHeader() } });
    this.keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      body: new URLSearchParams({ csrfToken, email: this.email, password, callbackUrl: `${this.base}/agent/tickets` }),
    });
    this.keep(res);
    await res.arrayBuffer();
    if (![...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"))) {
      throw new Error(`sign-in of ${this.email} failed: HTTP ${res.status} → ${res.headers.get("location")}`);
    }
  }

  /** A plain GET with the session's cookie (a download). */
  async get(pathname: string): Promise<{ status: number; bytes: Uint8Array }> {
    const res = await fetch(`${this.base}${pathname}`, { headers: { cookie: this.cookieHeader() } });
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  /** A query (GET) or mutation (POST); throws HttpError on any non-200 answer. */
  async call<T = unknown>(kind: "query" | "mutation", path: string, input?: unknown): Promise<T> {
    const encoded = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
    const url = kind === "query" && encoded ? `${this.base}/api/trpc/${path}?input=${encodeURIComponent(encoded)}` : `${this.base}/api/trpc/${path}`;
    const res = await fetch(url, {
      method: kind === "query" ? "GET" : "POST",
      headers: { cookie: this.cookieHeader(), ...(kind === "mutation" ? { "content-type": "application/json" } : {}) },
      body: kind === "mutation" ? (encoded ?? "{}") : undefined,
    });
    const text = await res.text();
    if (res.status !== 200) throw new HttpError(res.status, path, text.slice(0, 300));
    const body = JSON.parse(text) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
    return superjson.deserialize<T>(body.result.data);
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${path}: HTTP ${status} ${body}`);
  }
}
