import { createHash, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type AddressObject, simpleParser } from "mailparser";
import { Webhook } from "svix";

/**
 * A small local server that follows Resend's documented API, for the real `resend` SDK to talk to
 * (point RESEND_BASE_URL at `url`):
 * - POST /emails — send; records each new message; `Idempotency-Key`, as Resend documents it: the
 *   same key within 24 hours with the same payload answers the first message's id and sends
 *   nothing; with another payload, 409 `invalid_idempotent_request`; after 24 hours the key is new.
 * - GET /emails/receiving (limit 1–100, after/before cursors, newest first),
 *   GET /emails/receiving/:id (with `raw.download_url`, a signed URL on this server, unless the
 *   message was received with `raw: false`; `html_format=cid` keeps cid: links),
 *   GET /emails/receiving/:id/attachments[/:attachmentId] (each with a signed `download_url`).
 * - The signed URLs (/_cdn/…) need no API key, as CloudFront's do; they check the signature.
 * Errors are Resend's JSON shape: `{ statusCode, name, message }`.
 */
export type SentEmail = { id: string; idempotencyKey: string | null; body: Record<string, any>; receivedAt: Date };
export type RecordedRequest = { method: string; path: string; idempotencyKey: string | null; authorization: string | null };

type StoredAttachment = {
  id: string;
  filename: string | null;
  content_type: string;
  content_disposition: "inline" | "attachment";
  content_id: string | null;
  size: number;
  content: Buffer;
};

type Received = {
  id: string;
  createdAt: Date;
  raw: Buffer;
  offerRaw: boolean;
  meta: {
    from: string;
    to: string[];
    cc: string[];
    bcc: string[];
    reply_to: string[];
    received_for: string[];
    subject: string;
    message_id: string;
  };
  text: string | null;
  html: string | null;
  htmlCid: string | null;
  headers: Record<string, string>;
  attachments: StoredAttachment[];
};

export type FakeResend = {
  url: string;
  apiKey: string;
  /** Messages accepted by POST /emails (one per idempotency key). */
  sent: SentEmail[];
  /** Every API call (not the signed downloads), in order. */
  requests: RecordedRequest[];
  /** Every signed download, with the Authorization header it carried (there should be none). */
  downloads: RecordedRequest[];
  /** Makes Resend "receive" a raw message; returns its id. `raw: false`: the API offers no raw copy. */
  receive: (raw: string | Buffer, opts?: { createdAt?: Date; raw?: boolean }) => Promise<string>;
  /** The received e-mail as the API returns it (for building webhook payloads). */
  received: (id: string) => Received;
  /** The next `count` API requests whose path matches answer `status` (a Resend outage). */
  failNext: (count: number, status?: number, path?: RegExp) => void;
  stop: () => Promise<void>;
};

export type FakeResendOptions = {
  apiKey?: string;
  /**
   * Runs after a send was accepted and recorded, before the answer leaves: a test (or the chaos
   * run) can kill the sender here, the moment when only the idempotency key prevents a second mail.
   */
  onSend?: (email: SentEmail) => void | Promise<void>;
  /** The provider's clock (for the 24-hour key window); defaults to the wall clock. */
  now?: () => number;
};

/** How long Resend remembers an idempotency key. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

export async function startFakeResend(opts: FakeResendOptions = {}): Promise<FakeResend> {
  const now = opts.now ?? Date.now;
  const apiKey = opts.apiKey ?? `re_test_${randomBytes(8).toString("hex")}`;
  const signature = randomBytes(12).toString("hex");
  const sent: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const downloads: RecordedRequest[] = [];
  const byKey = new Map<string, { hash: string; id: string; at: number }>();
  const inbox = new Map<string, Received>();
  const failures: { count: number; status: number; path: RegExp }[] = [];
  let base = "";

  const error = (res: http.ServerResponse, statusCode: number, name: string, message: string) => json(res, statusCode, { statusCode, name, message });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        void Promise.resolve(handle(req, res, Buffer.concat(chunks))).catch((e: unknown) => error(res, 500, "application_error", e instanceof Error ? e.message : String(e)));
      } catch (e) {
        error(res, 500, "application_error", e instanceof Error ? e.message : String(e));
      }
    });
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname;
    const seen: RecordedRequest = {
      method: req.method ?? "GET",
      path: `${path}${url.search}`,
      idempotencyKey: header(req, "idempotency-key"),
      authorization: header(req, "authorization"),
    };

    if (path.startsWith("/_cdn/")) {
      downloads.push(seen);
      if (url.searchParams.get("signature") !== signature) return error(res, 403, "forbidden", "bad signature");
      const [, , kind, id, attachmentId] = path.split("/");
      const email = inbox.get(id ?? "");
      if (kind === "raw" && email?.offerRaw) return bytes(res, "message/rfc822", email.raw);
      const file = email?.attachments.find((a) => a.id === attachmentId);
      if (kind === "attachments" && file) return bytes(res, file.content_type, file.content);
      return error(res, 404, "not_found", "Not found");
    }

    requests.push(seen);
    if (seen.authorization !== `Bearer ${apiKey}`) {
      return seen.authorization ? error(res, 403, "invalid_api_key", "API key is invalid") : error(res, 401, "missing_api_key", "Missing API key in the authorization header");
    }
    const failure = failures.find((f) => f.count > 0 && f.path.test(path));
    if (failure) {
      failure.count--;
      return error(res, failure.status, "application_error", "Simulated outage");
    }

    if (req.method === "POST" && path === "/emails") return send(res, body, seen.idempotencyKey);
    if (req.method !== "GET") return error(res, 405, "method_not_allowed", "Method not allowed");
    if (path === "/emails/receiving") return list(res, url.searchParams);
    const one = path.match(/^\/emails\/receiving\/([^/]+)$/);
    if (one) return getReceived(res, one[1]!, url.searchParams.get("html_format"));
    const files = path.match(/^\/emails\/receiving\/([^/]+)\/attachments$/);
    if (files) return listAttachments(res, files[1]!, url.searchParams);
    const file = path.match(/^\/emails\/receiving\/([^/]+)\/attachments\/([^/]+)$/);
    if (file) return getAttachment(res, file[1]!, file[2]!);
    return error(res, 404, "not_found", "The requested endpoint does not exist.");
  }

  async function send(res: http.ServerResponse, body: Buffer, key: string | null) {
    let payload: Record<string, any>;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      return error(res, 400, "invalid_json", "Invalid JSON");
    }
    for (const field of ["from", "to", "subject"]) {
      if (!payload[field] || (Array.isArray(payload[field]) && payload[field].length === 0)) return error(res, 422, "validation_error", `The \`${field}\` field is required.`);
    }
    if (key !== null && (key.length < 1 || key.length > 256)) return error(res, 400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    const hash = createHash("sha256").update(body).digest("hex");
    if (key !== null) {
      const remembered = byKey.get(key);
      const earlier = remembered && now() - remembered.at < IDEMPOTENCY_WINDOW_MS ? remembered : undefined;
      if (earlier && earlier.hash !== hash) return error(res, 409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      if (earlier) return json(res, 200, { id: earlier.id });
    }
    const id = randomUUID();
    if (key !== null) byKey.set(key, { hash, id, at: now() });
    const email: SentEmail = { id, idempotencyKey: key, body: payload, receivedAt: new Date(now()) };
    sent.push(email);
    await opts.onSend?.(email);
    return json(res, 200, { id });
  }

  function summary(e: Received) {
    return {
      id: e.id,
      ...e.meta,
      created_at: e.createdAt.toISOString(),
      attachments: e.attachments.map(({ id, filename, content_type, content_disposition, content_id, size }) => ({ id, filename, content_type, content_disposition, content_id, size })),
    };
  }

  function page<T extends { id: string }>(res: http.ServerResponse, items: T[], params: URLSearchParams) {
    const limit = params.has("limit") ? Number(params.get("limit")) : 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return error(res, 422, "validation_error", "The `limit` must be between 1 and 100.");
    const after = params.get("after");
    const before = params.get("before");
    if (after && before) return error(res, 422, "validation_error", "`after` and `before` cannot be used together.");
    let start = 0;
    let end = items.length;
    if (after) start = items.findIndex((i) => i.id === after) + 1;
    if (before) end = Math.max(0, items.findIndex((i) => i.id === before));
    const slice = before ? items.slice(Math.max(0, end - limit), end) : items.slice(start, start + limit);
    const more = before ? end - limit > 0 : start + limit < items.length;
    return json(res, 200, { object: "list", has_more: more, data: slice });
  }

  function list(res: http.ServerResponse, params: URLSearchParams) {
    const newestFirst = [...inbox.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return page(res, newestFirst.map(summary), params);
  }

  function getReceived(res: http.ServerResponse, id: string, htmlFormat: string | null) {
    const e = inbox.get(id);
    if (!e) return error(res, 404, "not_found", "Email not found");
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    return json(res, 200, {
      object: "email",
      ...summary(e),
      html: htmlFormat === "cid" ? e.htmlCid : e.html,
      html_format: htmlFormat === "cid" ? "cid" : "data_uri",
      text: e.text,
      headers: e.headers,
      raw: e.offerRaw ? { download_url: `${base}/_cdn/raw/${e.id}?signature=${signature}`, expires_at: expires } : null,
    });
  }

  function attachmentData(e: Received, a: StoredAttachment) {
    return {
      id: a.id,
      filename: a.filename ?? undefined,
      size: a.size,
      content_type: a.content_type,
      content_disposition: a.content_disposition,
      content_id: a.content_id ?? undefined,
      download_url: `${base}/_cdn/attachments/${e.id}/${a.id}?signature=${signature}`,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    };
  }

  function listAttachments(res: http.ServerResponse, id: string, params: URLSearchParams) {
    const e = inbox.get(id);
    if (!e) return error(res, 404, "not_found", "Email not found");
    return page(res, e.attachments.map((a) => attachmentData(e, a)), params);
  }

  function getAttachment(res: http.ServerResponse, id: string, attachmentId: string) {
    const e = inbox.get(id);
    const a = e?.attachments.find((x) => x.id === attachmentId);
    if (!e || !a) return error(res, 404, "not_found", "Attachment not found");
    return json(res, 200, { object: "attachment", ...attachmentData(e, a) });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiKey,
    sent,
    requests,
    downloads,
    async receive(raw, o = {}) {
      const bytesIn = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, "utf8");
      const [mail, withCid] = await Promise.all([simpleParser(bytesIn), simpleParser(bytesIn, { keepCidLinks: true })]);
      const headers: Record<string, string> = {};
      for (const line of mail.headerLines) {
        const value = line.line.slice(line.line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
        const name = line.line.slice(0, line.line.indexOf(":")).trim();
        if (!(name in headers)) headers[name] = value;
      }
      // Header values as parsed (encoded words decoded), for the fields a client reads first.
      const decoded: Record<string, string | undefined> = { subject: mail.subject, from: mail.from?.text, to: textOf(mail.to), cc: textOf(mail.cc), "reply-to": mail.replyTo?.text };
      for (const name of Object.keys(headers)) {
        const value = decoded[name.toLowerCase()];
        if (value !== undefined) headers[name] = value;
      }
      const id = randomUUID();
      const to = addresses(mail.to);
      inbox.set(id, {
        id,
        createdAt: o.createdAt ?? new Date(),
        raw: bytesIn,
        offerRaw: o.raw ?? true,
        meta: {
          from: mail.from?.text ?? "",
          to,
          cc: addresses(mail.cc),
          bcc: [],
          reply_to: addresses(mail.replyTo),
          received_for: to,
          subject: mail.subject ?? "",
          message_id: mail.messageId ?? `<${id}@resend.test>`,
        },
        text: mail.text ?? null,
        html: typeof mail.html === "string" ? mail.html : null,
        htmlCid: typeof withCid.html === "string" ? withCid.html : null,
        headers,
        attachments: mail.attachments.map((a) => ({
          id: randomUUID(),
          filename: a.filename ?? null,
          content_type: a.contentType,
          content_disposition: a.contentDisposition === "inline" ? "inline" : "attachment",
          content_id: a.contentId ? a.contentId.replace(/^<|>$/g, "") : null,
          size: a.size,
          content: a.content,
        })),
      });
      return id;
    },
    received(id) {
      const e = inbox.get(id);
      if (!e) throw new Error(`no received e-mail ${id}`);
      return e;
    },
    failNext(count, status = 500, path = /./) {
      failures.push({ count, status, path });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((v) => v.value.map((a) => a.address ?? "").filter(Boolean));
}

function textOf(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  return (Array.isArray(value) ? value : [value]).map((v) => v.text).join(", ");
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function bytes(res: http.ServerResponse, contentType: string, content: Buffer) {
  res.writeHead(200, { "content-type": contentType, "content-length": content.length });
  res.end(content);
}

// ---------------------------------------------------------------------------------------------
// Webhooks, signed exactly as Resend (svix) signs them

/** A fresh endpoint signing secret in Resend's format (whsec_ + base64 key). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The body and svix headers of one webhook delivery: v1 HMAC-SHA256 over `${id}.${timestamp}.${body}`. */
export function signWebhook(secret: string, payload: unknown, opts: { id?: string; timestamp?: Date } = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const id = opts.id ?? `msg_${randomBytes(14).toString("hex")}`;
  const timestamp = opts.timestamp ?? new Date();
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "svix-signature": new Webhook(secret).sign(id, timestamp, body),
  };
  return { id, body, headers };
}

/** The documented `email.received` event for a message the fake received (metadata only). */
export function receivedEvent(fake: FakeResend, emailId: string) {
  const e = fake.received(emailId);
  return {
    type: "email.received",
    created_at: new Date().toISOString(),
    data: {
      email_id: e.id,
      created_at: e.createdAt.toISOString(),
      from: e.meta.from,
      to: e.meta.to,
      bcc: e.meta.bcc,
      cc: e.meta.cc,
      received_for: e.meta.received_for,
      message_id: e.meta.message_id,
      subject: e.meta.subject,
      attachments: e.attachments.map(({ id, filename, content_type, content_disposition, content_id }) => ({ id, filename, content_type, content_disposition, content_id })),
    },
  };
}

/** A delivery event (`email.delivered`, `email.bounced`, …) for a message sent through POST /emails. */
export function deliveryEvent(type: string, email: SentEmail, extra: Record<string, unknown> = {}) {
  const to = Array.isArray(email.body.to) ? email.body.to : [email.body.to];
  return {
    type,
    created_at: new Date().toISOString(),
    data: { email_id: email.id, created_at: email.receivedAt.toISOString(), from: email.body.from, to, subject: email.body.subject, message_id: email.body.headers?.["Message-ID"] ?? "", ...extra },
  };
}
