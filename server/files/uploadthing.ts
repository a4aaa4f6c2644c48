import { UTApi } from "uploadthing/server";
import type { FileBackend } from "./store";

/** Files in UploadThing (object storage), private; read back through signed URLs. */
export class UploadThingBackend implements FileBackend {
  readonly name = "uploadthing" as const;
  private readonly api: UTApi;

  constructor(token: string) {
    this.api = new UTApi({ token, logLevel: "Error" });
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
    const response = await fetch(ufsUrl);
    if (!response.ok) throw new Error(`UploadThing download failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}
