/**
 * Byte-level pieces of the JSON Lines fast path: JSON numbers read straight from UTF-8 bytes with
 * the same double `JSON.parse` gives, and the text of a string's bytes. Everything here reads a
 * `Buffer` between indices and allocates nothing on the common path.
 *
 * @example
 * const n = new JsonNumber();
 * n.read(Buffer.from("-12.5e1,"), 0); // 7 (the index after the number); n.value === -125
 */

/** Powers of ten that are exact doubles (10^0 … 10^22). */
const EXACT_POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
/** Significant digits below which the digits form an exact integer (< 2^53). */
const EXACT_DIGITS = 15;

/**
 * Reads one JSON number (RFC 8259 grammar: no leading zeros, no "+", no bare "." or "e"). With at
 * most 15 digits and a decimal exponent within ±22, the digits m and 10^|e| are exact doubles and
 * one IEEE multiplication or division rounds m·10^e correctly, which is what `JSON.parse` returns
 * (Clinger's fast path); other numbers go through `Number` on their text, also correctly rounded.
 */
export class JsonNumber {
  /** The last number read. */
  value = 0;

  /** Reads the number starting at `i`; returns the index after it, or -1 when it is not valid JSON. */
  read(b: Buffer, i: number): number {
    const start = i;
    let c = b[i];
    const negative = c === 45;
    if (negative) c = b[++i];
    let m = 0;
    let digits = 0;
    let scale = 0;
    if (c === 48) c = b[++i];
    else if (c >= 49 && c <= 57) {
      do {
        m = m * 10 + (c - 48);
        digits++;
        c = b[++i];
      } while (c >= 48 && c <= 57);
    } else return -1;
    if (c === 46) {
      c = b[++i];
      if (!(c >= 48 && c <= 57)) return -1;
      do {
        m = m * 10 + (c - 48);
        digits++;
        scale++;
        c = b[++i];
      } while (c >= 48 && c <= 57);
    }
    let e = 0;
    if (c === 101 || c === 69) {
      c = b[++i];
      const negativeExp = c === 45;
      if (c === 43 || c === 45) c = b[++i];
      if (!(c >= 48 && c <= 57)) return -1;
      do {
        if (e < 100_000) e = e * 10 + (c - 48);
        c = b[++i];
      } while (c >= 48 && c <= 57);
      if (negativeExp) e = -e;
    }
    const e10 = e - scale;
    let v: number;
    if (digits <= EXACT_DIGITS && e10 >= -22 && e10 <= 22) v = e10 < 0 ? m / EXACT_POW10[-e10] : m * EXACT_POW10[e10];
    else return this.slow(b, start, i);
    this.value = negative ? -v : v;
    return i;
  }

  private slow(b: Buffer, start: number, end: number): number {
    this.value = Number(b.toString("latin1", start, end));
    return end;
  }
}

/** Flags of a scanned string: it holds an escape, or bytes outside ASCII. */
export const STRING_ESCAPED = 1;
export const STRING_NON_ASCII = 2;

/**
 * The text of the JSON string whose contents are bytes [start, end) (the quotes excluded), as
 * `JSON.parse` of the line would give it: ASCII as is, other UTF-8 decoded (invalid bytes become
 * U+FFFD the same way, as the quotes around them are ASCII), escapes by `JSON.parse` of the string.
 *
 * @throws SyntaxError for an invalid escape
 */
export function stringText(b: Buffer, start: number, end: number, flags: number): string {
  if (flags === 0) return b.toString("latin1", start, end);
  if ((flags & STRING_ESCAPED) === 0) return b.toString("utf8", start, end);
  return JSON.parse(b.toString("utf8", start - 1, end + 1)) as string;
}
