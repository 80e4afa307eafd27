/**
 * Sorts finite doubles ascending with an LSD radix sort of packed 32-bit words: each word holds a
 * short key that never decreases with the value in its high bits and the value's index in its low
 * bits, so a pass moves 4 bytes per value (not a 4-byte key and an 8-byte value), the values are
 * gathered once at the end, and runs of equal keys (values too close for the key to tell apart)
 * are ordered by the full value. The key is chosen per call from the values' span:
 *
 * - all of one sign: the order-preserving bits of the double (sign flipped, exponent, mantissa),
 *   less their minimum, cut to the key width from the top — from the low word too when the values
 *   share most of their high word (timestamps in epoch ms, say);
 * - negatives and positives: linear in the value, ⌊(x − min)·scale⌋, since the bit key would spend
 *   most of its range on the exponents of tiny magnitudes between −ε and ε.
 *
 * Two passes of ≤ 12-bit digits (a pass is skipped when one digit holds everything). On the
 * t-digest's 8,192-value buffers, measured: 29–34 ns per value for normal, log-normal, Pareto,
 * uniform, epoch-ms and zero-inflated data, against 40–63 for the key+value radix sort it replaced
 * and ≈ 77 for Float64Array.prototype.sort. Allocation-free once the scratch arrays, shared by
 * every caller of this module (all synchronous), have grown.
 * Short inputs, inputs over 65,536 values and big-endian hosts use the native sort.
 *
 * @example
 * const a = Float64Array.of(3, -1, 2);
 * sortFloat64(a, 3); // a = [-1, 2, 3]
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SIGN = 0x80000000;
/** Order-preserving high word of -0 (0 is SIGN): keys below it belong to negative values. */
const NEGATIVE_ZERO_KEY = 0x7fffffff;
const MIN_RADIX = 256;
const MAX_RADIX = 1 << 16;
/** Runs of equal keys up to this length are insertion-sorted, longer ones natively. */
const SMALL_RUN = 32;
const MAX_DIGIT_BITS = 12;

let capacity = 0;
let highKeys = new Uint32Array(0);
let packedA = new Uint32Array(0);
let packedB = new Uint32Array(0);
let sorted = new Float64Array(0);
const countsLow = new Uint32Array(1 << MAX_DIGIT_BITS);
const countsHigh = new Uint32Array(1 << MAX_DIGIT_BITS);

/** Sorts buf[0, n) ascending in place; buf must hold no NaN. @example sortFloat64(buffer, filled); */
export function sortFloat64(buf: Float64Array, n: number): void {
  const s = sortedFloat64(buf, n);
  if (s !== buf) buf.set(s.subarray(0, n));
}

/**
 * The values of buf[0, n) ascending, in elements [0, n) of the returned array: a scratch array of
 * this module, valid until the next call (buf is left as it was), or buf itself sorted in place
 * (short and very long inputs). buf must hold no NaN.
 *
 * @example
 * const s = sortedFloat64(buffer, filled); // read s[0, filled) before sorting anything else
 */
export function sortedFloat64(buf: Float64Array, n: number): Float64Array {
  if (n < MIN_RADIX || n > MAX_RADIX || !LITTLE_ENDIAN) {
    if (n > 1) buf.subarray(0, n).sort();
    return buf;
  }
  if (capacity < n) grow(n);
  const indexBits = 32 - Math.clz32(n - 1);
  const keyBits = 32 - indexBits;
  const lowBits = keyBits >>> 1;
  const words = new Uint32Array(buf.buffer, buf.byteOffset, 2 * n);
  let min = 0xffffffff;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    const kh = (hi ^ ((hi >> 31) | SIGN)) >>> 0;
    highKeys[i] = kh;
    if (kh < min) min = kh;
    if (kh > max) max = kh;
  }
  const ok = min < NEGATIVE_ZERO_KEY && max > SIGN
    ? linearKeys(buf, n, keyBits, indexBits, lowBits)
    : bitKeys(words, n, min, max - min, keyBits, indexBits, lowBits);
  if (!ok) {
    buf.subarray(0, n).sort();
    return buf;
  }
  let src = packedA;
  let dst = packedB;
  if (prefixSums(countsLow, 1 << lowBits, n)) {
    scatter(src, dst, countsLow, indexBits, (1 << lowBits) - 1, n);
    const t = src; src = dst; dst = t;
  }
  if (prefixSums(countsHigh, 1 << (keyBits - lowBits), n)) {
    scatter(src, dst, countsHigh, indexBits + lowBits, (1 << (keyBits - lowBits)) - 1, n);
    const t = src; src = dst; dst = t;
  }
  const indexMask = (1 << indexBits) - 1;
  const out = sorted;
  for (let i = 0; i < n; i++) out[i] = buf[src[i] & indexMask];
  sortRunsOfEqualKeys(out, src, indexBits, n);
  return out;
}

function grow(n: number): void {
  capacity = Math.max(n, 2 * capacity, 8192);
  highKeys = new Uint32Array(capacity);
  packedA = new Uint32Array(capacity);
  packedB = new Uint32Array(capacity);
  sorted = new Float64Array(capacity);
}

/**
 * Keys from the order-preserving bits for values of one sign: the high keys less their minimum,
 * their top `keyBits` bits, continued into the low word's top bits when the span is narrower.
 */
function bitKeys(words: Uint32Array, n: number, min: number, span: number, keyBits: number, indexBits: number, lowBits: number): boolean {
  clearCounts(keyBits, lowBits);
  const lowMask = (1 << lowBits) - 1;
  const bits = 32 - Math.clz32(span);
  if (bits >= keyBits) {
    const shift = bits - keyBits;
    for (let i = 0; i < n; i++) {
      const k = (highKeys[i] - min) >>> shift;
      packedA[i] = (k << indexBits) | i;
      countsLow[k & lowMask]++;
      countsHigh[k >>> lowBits]++;
    }
    return true;
  }
  const extra = keyBits - bits;
  for (let i = 0; i < n; i++) {
    const kh = highKeys[i];
    const lo = words[2 * i];
    const kl = kh < SIGN ? ~lo : lo; // a negative's bits are all flipped
    const k = (((kh - min) << extra) | (kl >>> (32 - extra))) >>> 0;
    packedA[i] = (k << indexBits) | i;
    countsLow[k & lowMask]++;
    countsHigh[k >>> lowBits]++;
  }
  return true;
}

/** Keys linear in the value, ⌊(x − min)·(2^keyBits − 1)/(max − min)⌋; false when the span overflows. */
function linearKeys(buf: Float64Array, n: number, keyBits: number, indexBits: number, lowBits: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = buf[i];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  // Subtraction and multiplication by a positive constant are monotone under rounding, so the
  // keys never decrease with the value; the largest is 2^keyBits − 1 (rounding is far below 1).
  const scale = ((1 << keyBits) - 1) / (hi - lo);
  if (!(scale > 0 && scale < Infinity)) return false;
  clearCounts(keyBits, lowBits);
  const lowMask = (1 << lowBits) - 1;
  for (let i = 0; i < n; i++) {
    const k = Math.floor((buf[i] - lo) * scale);
    packedA[i] = (k << indexBits) | i;
    countsLow[k & lowMask]++;
    countsHigh[k >>> lowBits]++;
  }
  return true;
}

function clearCounts(keyBits: number, lowBits: number): void {
  countsLow.fill(0, 0, 1 << lowBits);
  countsHigh.fill(0, 0, 1 << (keyBits - lowBits));
}

/** Turns a digit's counts into start offsets; false when one digit holds everything (skip the pass). */
function prefixSums(counts: Uint32Array, buckets: number, n: number): boolean {
  let sum = 0;
  let trivial = false;
  for (let d = 0; d < buckets; d++) {
    const c = counts[d];
    if (c === n) trivial = true;
    counts[d] = sum;
    sum += c;
  }
  return !trivial;
}

function scatter(src: Uint32Array, dst: Uint32Array, counts: Uint32Array, shift: number, mask: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const p = src[i];
    dst[counts[(p >>> shift) & mask]++] = p;
  }
}

/** Values sharing a key are ordered by the full value (insertion sort, or native when long). */
function sortRunsOfEqualKeys(out: Float64Array, packed: Uint32Array, indexBits: number, n: number): void {
  let start = 0;
  let key = packed[0] >>> indexBits;
  for (let i = 1; i <= n; i++) {
    if (i < n) {
      const k = packed[i] >>> indexBits;
      if (k === key) continue;
      key = k;
    }
    const len = i - start;
    if (len > SMALL_RUN) {
      if (!allEqual(out, start, i)) out.subarray(start, i).sort();
    } else if (len > 1) {
      for (let j = start + 1; j < i; j++) {
        const x = out[j];
        let q = j - 1;
        while (q >= start && out[q] > x) {
          out[q + 1] = out[q];
          q--;
        }
        out[q + 1] = x;
      }
    }
    start = i;
  }
}

function allEqual(buf: Float64Array, start: number, end: number): boolean {
  const x = buf[start];
  for (let j = start + 1; j < end; j++) if (buf[j] !== x) return false;
  return true;
}
