/**
 * A request body read with a cap: a declared Content-Length over `cap` is refused before a byte
 * is read, and a body that grows past `cap` (chunked, or lying about its length) is cut off at
 * the first chunk over it. Null means "too large": answer 413; nothing beyond the cap is buffered.
 */
export async function readCappedBody(request: Request, cap: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > cap) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (!request.body) return Buffer.alloc(0);
  return readCappedStream(request.body, cap);
}

/** Reads a byte stream up to `cap` bytes; null (the stream cancelled) when it holds more. */
export async function readCappedStream(stream: ReadableStream<Uint8Array>, cap: number): Promise<Buffer | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
