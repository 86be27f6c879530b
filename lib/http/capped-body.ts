// Reading a request body with a ceiling: what an unauthenticated caller sends is read at most this far.

export class BodyTooLarge extends Error {}

/**
 * The body as text, or BodyTooLarge once it passes `maxBytes`: refused by its Content-Length before
 * reading, and while streaming when it has none (chunked) or lies about it.
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
