import { stringText } from "./json-bytes.ts";

/** Slots of the cache (a power of two). */
const SLOTS = 4096;
/** Longest string kept, in bytes: categories, versions, class names; not ids or free text. */
const MAX_BYTES = 48;

/**
 * Strings of a JSON Lines read by their bytes: a direct-mapped cache from the bytes of a string
 * value to its text, so a category logged on every row is decoded once instead of once per row
 * (making a string from bytes costs hundreds of nanoseconds). A slot holds the last string that
 * hashed there; a miss decodes and replaces it. The text depends only on the bytes, so a hit is
 * always the text `JSON.parse` would give.
 *
 * @example
 * const c = new TextCache();
 * c.text(Buffer.from('"a"'), 1, 2, 0); // "a", decoded; the next call with the same bytes is a lookup
 */
export class TextCache {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly lengths = new Int32Array(SLOTS).fill(-1);
  private readonly bytes = new Uint8Array(SLOTS * MAX_BYTES);
  private readonly texts: string[] = new Array<string>(SLOTS).fill("");

  /**
   * The text of the string whose contents are bytes [start, end) (see `stringText` for `flags`).
   *
   * @throws SyntaxError for an invalid escape
   */
  text(b: Buffer, start: number, end: number, flags: number): string {
    const length = end - start;
    if (length > MAX_BYTES) return stringText(b, start, end, flags);
    let h = 0x811c9dc5 ^ length;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    if (this.lengths[slot] === length && this.hashes[slot] === h && this.same(slot, b, start, length)) return this.texts[slot];
    const text = stringText(b, start, end, flags);
    this.hashes[slot] = h;
    this.lengths[slot] = length;
    this.bytes.set(b.subarray(start, end), slot * MAX_BYTES);
    this.texts[slot] = text;
    return text;
  }

  private same(slot: number, b: Uint8Array, start: number, length: number): boolean {
    const bytes = this.bytes;
    const base = slot * MAX_BYTES;
    for (let k = 0; k < length; k++) if (bytes[base + k] !== b[start + k]) return false;
    return true;
  }
}
