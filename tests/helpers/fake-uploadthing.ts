import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small local server that speaks UploadThing's API as the `uploadthing` SDK (v7) uses it, for the
 * real UTApi to talk to. Point the SDK at it with its documented overrides (UTApiOptions, or the
 * UPLOADTHING_* variables): `ingestUrl`, `apiUrl`, `ufsHost` (`localhost:<port>`: the SDK uses
 * http for a host containing "local") and `ufsAppIdLocation: "path"`, plus a token made by `token`.
 * - Ingest: PUT /<key>?expires=…&x-ut-identifier=…&x-ut-file-name=…&x-ut-file-size=…&x-ut-acl=…&signature=hmac-sha256=…
 *   (the presigned URL UTApi.uploadFiles signs locally with the API key): the signature and the
 *   expiry are checked, the multipart field "file" is stored under the key, and the answer is
 *   `{ url, appUrl, ufsUrl, fileHash }`.
 * - API (header x-uploadthing-api-key): POST /v6/deleteFiles `{ fileKeys | customIds }` →
 *   `{ success, deletedCount }`; POST /v6/listFiles → `{ hasMore, files }`.
 * - File host: GET /a/<appId>/<key> (and /f/<key>); a private file only with a valid, unexpired
 *   signature (UTApi.generateSignedURL), a public one without.
 * Errors are JSON `{ error }` with UploadThing's status codes.
 */
export type StoredUpload = { key: string; name: string; type: string; size: number; acl: string; customId: string | null; bytes: Buffer; uploadedAt: number };
export type FakeUploadThing = {
  url: string;
  appId: string;
  apiKey: string;
  /** The UPLOADTHING_TOKEN for this server's app. */
  token: string;
  /** The UTApi options / UPLOADTHING_* values that point the SDK here. */
  endpoints: { apiUrl: string; ingestUrl: string; ufsHost: string; ufsAppIdLocation: "path" };
  files: Map<string, StoredUpload>;
  /** Every request, in order (method, path without the query, status answered). */
  requests: { method: string; path: string; status: number }[];
  /** The next `count` requests whose path matches answer `status` (an outage). */
  failNext: (count: number, status?: number, path?: RegExp) => void;
  stop: () => Promise<void>;
};

export async function startFakeUploadThing(opts: { port?: number; appId?: string } = {}): Promise<FakeUploadThing> {
  const appId = opts.appId ?? `app${randomBytes(5).toString("hex")}`;
  const apiKey = `sk_test_${randomBytes(16).toString("hex")}`;
  const files = new Map<string, StoredUpload>();
  const requests: FakeUploadThing["requests"] = [];
  const failures: { left: number; status: number; path: RegExp }[] = [];

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? "", path, status });
      const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      res.writeHead(status, { "content-type": Buffer.isBuffer(body) ? "application/octet-stream" : "application/json", "content-length": payload.byteLength, ...headers });
      res.end(payload);
    };
    const failure = failures.find((f) => f.left > 0 && f.path.test(path));
    if (failure) {
      failure.left--;
      req.resume();
      return send(failure.status, { error: "Service unavailable" });
    }
    handle(req, path, send).catch((error: unknown) => send(500, { error: String(error) }));
  });

  const base = () => `http://localhost:${(server.address() as AddressInfo).port}`;
  const signedBy = (fullUrl: string) => {
    // The SDK signs the whole URL before it appends `signature` as the last parameter.
    const at = fullUrl.lastIndexOf("&signature=");
    if (at < 0) return false;
    const signature = decodeURIComponent(fullUrl.slice(at + "&signature=".length));
    const expected = `hmac-sha256=${createHmac("sha256", apiKey).update(fullUrl.slice(0, at)).digest("hex")}`;
    const a = Buffer.from(signature);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const unexpired = (params: URLSearchParams) => Number(params.get("expires")) > Date.now();
  /** The SDK encodes each value with encodeURIComponent before URLSearchParams encodes it again. */
  const param = (params: URLSearchParams, name: string) => {
    const v = params.get(name);
    return v === null ? null : decodeURIComponent(v);
  };

  async function handle(req: http.IncomingMessage, path: string, send: (status: number, body: unknown, headers?: Record<string, string>) => void) {
    const full = `http://${req.headers.host}${req.url}`;
    const params = new URL(full).searchParams;
    if (req.method === "POST" && path.startsWith("/v6/")) {
      if (req.headers["x-uploadthing-api-key"] !== apiKey) return send(401, { error: "Invalid API key" });
      const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as { fileKeys?: string[]; customIds?: string[] };
      if (path === "/v6/deleteFiles") {
        const keys = body.fileKeys ?? [...files.values()].filter((f) => f.customId && body.customIds?.includes(f.customId)).map((f) => f.key);
        let deletedCount = 0;
        for (const key of keys) if (files.delete(key)) deletedCount++;
        return send(200, { success: true, deletedCount });
      }
      if (path === "/v6/listFiles") {
        const list = [...files.values()].map((f) => ({ id: f.key, customId: f.customId, key: f.key, name: f.name, size: f.size, status: "Uploaded", uploadedAt: f.uploadedAt }));
        return send(200, { hasMore: false, files: list });
      }
      return send(404, { error: `No such endpoint: ${path}` });
    }
    if (req.method === "PUT") {
      const key = path.slice(1);
      if (!/^[A-Za-z0-9_-]{8,}$/.test(key)) return send(400, { error: "Invalid file key" });
      if (!signedBy(full)) return send(403, { error: "Invalid signature" });
      if (!unexpired(params)) return send(403, { error: "URL expired" });
      if (param(params, "x-ut-identifier") !== appId) return send(403, { error: "Wrong app" });
      if (files.has(key)) return send(409, { error: "File key already used" });
      const form = await new Response(new Uint8Array(await readBody(req)), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
      const file = form.get("file");
      if (!(file instanceof File)) return send(400, { error: "No file in the form" });
      const bytes = Buffer.from(await file.arrayBuffer());
      if (bytes.byteLength !== Number(param(params, "x-ut-file-size"))) return send(400, { error: "File size does not match the signed size" });
      files.set(key, {
        key,
        name: param(params, "x-ut-file-name") ?? file.name,
        type: param(params, "x-ut-file-type") ?? (file.type || "application/octet-stream"),
        size: bytes.byteLength,
        acl: param(params, "x-ut-acl") ?? "public-read",
        customId: param(params, "x-ut-custom-id"),
        bytes,
        uploadedAt: Date.now(),
      });
      const ufsUrl = `${base()}/a/${appId}/${key}`;
      return send(200, { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: createHash("md5").update(bytes).digest("hex") });
    }
    if (req.method === "GET") {
      const match = /^\/a\/([^/]+)\/([^/]+)$/.exec(path) ?? /^\/f\/()([^/]+)$/.exec(path);
      if (!match || (match[1] && match[1] !== appId)) return send(404, { error: "Not found" });
      const stored = files.get(match[2]!);
      if (!stored) return send(404, { error: "Not found" });
      if (stored.acl === "private" && !(signedBy(full) && unexpired(params))) return send(403, { error: "Forbidden" });
      return send(200, stored.bytes, { "content-type": stored.type });
    }
    return send(405, { error: "Method not allowed" });
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, resolve));
  const url = base();
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["local"] })).toString("base64");
  return {
    url,
    appId,
    apiKey,
    token,
    endpoints: { apiUrl: url, ingestUrl: url, ufsHost: new URL(url).host, ufsAppIdLocation: "path" },
    files,
    requests,
    failNext: (count, status = 503, path = /./) => void failures.push({ left: count, status, path }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
