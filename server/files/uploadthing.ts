import { UTApi } from "uploadthing/server";
import { fetchBytesFrom } from "@/server/net/safe-fetch";
import type { FileBackend } from "./store";

/**
 * The SDK's own overrides (UTApiOptions; the same names as UPLOADTHING_* variables): where the
 * API, the ingest server and the file host are. Unset, the SDK talks to UploadThing itself.
 */
export type UploadThingEndpoints = { apiUrl?: string; ingestUrl?: string; ufsHost?: string; ufsAppIdLocation?: "subdomain" | "path" };

/** Larger than any file the desk stores (mail is capped at 40 MiB by default, uploads lower). */
const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Files in UploadThing (object storage), private; read back through signed URLs. */
export class UploadThingBackend implements FileBackend {
  readonly name = "uploadthing" as const;
  private readonly api: UTApi;
  /**
   * The file host an operator configured (UPLOADTHING_UFS_HOST, e.g. a local server speaking
   * UploadThing's API) may be internal; any other host the download is sent to must be public.
   */
  private readonly allowed: Set<string>;

  constructor(token: string, endpoints: UploadThingEndpoints = {}) {
    this.api = new UTApi({ token, logLevel: "Error", ...definedOnly(endpoints) });
    this.allowed = new Set(endpoints.ufsHost ? [hostOf(endpoints.ufsHost, endpoints.ufsAppIdLocation, token)] : []);
  }

  async put(sha256: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const file = new File([bytes as BlobPart], sha256, { type: contentType });
    const result = await this.api.uploadFiles(file, { acl: "private" });
    if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
    return result.data.key;
  }

  async get(_sha256: string, remoteKey: string | null): Promise<Uint8Array> {
    if (!remoteKey) throw new Error("UploadThing file has no key");
    const { ufsUrl } = await this.api.generateSignedURL(remoteKey, { expiresIn: 60 });
    // Through the SSRF guard: no redirects followed, the address checked at connect time, bounded.
    const { status, bytes } = await fetchBytesFrom(ufsUrl, this.allowed, { timeoutMs: DOWNLOAD_TIMEOUT_MS, maxBytes: MAX_DOWNLOAD_BYTES });
    if (status !== 200) throw new Error(`UploadThing download failed: HTTP ${status}`);
    if (!bytes) throw new Error(`UploadThing download is larger than ${MAX_DOWNLOAD_BYTES} bytes`);
    return bytes;
  }

  /** Removes files by key (the desk keeps files it stored; tests and clean-ups use this). */
  async delete(keys: string[]): Promise<number> {
    const result = await this.api.deleteFiles(keys);
    if (!result.success) throw new Error("UploadThing delete failed");
    return result.deletedCount;
  }
}

/** The host name the SDK's signed URLs go to: `<appId>.<ufsHost>` or, with "path", `<ufsHost>`. */
function hostOf(ufsHost: string, location: UploadThingEndpoints["ufsAppIdLocation"], token: string): string {
  const host = new URL(`http://${ufsHost}`).hostname;
  if (location === "path") return host;
  const { appId } = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { appId: string };
  return `${appId}.${host}`.toLowerCase();
}

const definedOnly = (o: UploadThingEndpoints) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as UploadThingEndpoints;
