/**
 * The 64-bit hash of a prediction id (two 32-bit halves: FNV-1a and a multiply–xorshift over its
 * UTF-16 code units), computed from the text or, for ASCII ids, straight from their UTF-8 bytes
 * (each byte is then its code unit), so the JSON Lines fast path counts ids without building
 * their strings. Written into a caller's two-word array: nothing is allocated.
 *
 * @example
 * const h = new Uint32Array(2);
 * hashIdText("req-1", h); // h[0], h[1]
 * hashIdAscii(Buffer.from('"req-1"'), 1, 6, h); // the same two words
 */

/** Hashes a text id into out[0] (FNV-1a) and out[1]. */
export function hashIdText(id: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = a;
  out[1] = b;
}

/** Hashes the ASCII id in bytes [start, end) exactly as `hashIdText` hashes its text. */
export function hashIdAscii(bytes: Uint8Array, start: number, end: number, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ (end - start);
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = a;
  out[1] = b;
}
