// Doubles as text for the packed profile encoding (packed.ts): base64 of binary64 little-endian
// bytes, written and read through DataView so the byte order does not depend on the host.

/** Decoded bytes land here (grown as needed): one scratch buffer instead of one Buffer per array. */
let scratch = Buffer.alloc(0);
let scratchView = new DataView(scratch.buffer, scratch.byteOffset, 0);

/**
 * Doubles as the base64 text of their binary64 little-endian bytes.
 *
 * @example
 * encodeFloat64([1]); // "AAAAAAAA8D8="
 */
export function encodeFloat64(values: readonly number[]): string {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
  return Buffer.from(bytes.buffer, 0, bytes.length).toString("base64");
}

/**
 * The doubles of a text written by `encodeFloat64`, or null when it is not the base64 of a whole
 * number of binary64 values.
 *
 * @example
 * decodeFloat64("AAAAAAAA8D8="); // [1]
 */
export function decodeFloat64(text: string): number[] | null {
  let chars = text.length;
  if (chars % 4 !== 0) return null;
  while (chars > 0 && text.charCodeAt(chars - 1) === 61 /* = */) chars--;
  if (text.length - chars > 2) return null;
  const expected = Math.floor((chars * 3) / 4);
  if (expected % 8 !== 0) return null;
  if (scratch.length < expected) {
    scratch = Buffer.alloc(Math.max(expected, 2 * scratch.length));
    scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
  }
  // Buffer skips characters outside the alphabet, so a short write also catches those.
  if (scratch.write(text, 0, expected, "base64") !== expected) return null;
  const n = expected / 8;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = scratchView.getFloat64(8 * i, true);
  return out;
}
