/**
 * Error-free products (Dekker's TwoProduct with Veltkamp splitting) and what R² needs from them:
 * the sum of squared deviations Σ(y − ȳ)² from exact sums of y and y².
 *
 * Keeping Σy and Σy² exactly (y² as the exact pair hi + lo) and forming n·Σy² − (Σy)² in exact
 * arithmetic avoids the cancellation that makes the textbook formula unstable, and, unlike
 * Welford/Chan updates, gives bit-identical results however the observations were split and
 * merged. Inputs must satisfy |y| < 2^400 (about 2.6e120) so that n·Σy² cannot overflow.
 */
import { type ExactSum, exactSumAdd, exactSumValue } from "./exactSum.ts";

const SPLITTER = 134217729; // 2^27 + 1

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/**
 * The exact product a·b as [rounded product, rounding error].
 *
 * @example
 * twoProduct(0.1, 0.1); // [0.010000000000000002, -8.326672684688674e-19]
 */
export function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/**
 * Adds x² to an exact sum without rounding, in place.
 *
 * @example
 * const s: ExactSum = [];
 * exactSumAddSquare(s, 0.1);
 * s.length; // 2 (the product and its rounding error)
 */
export function exactSumAddSquare(partials: ExactSum, x: number): void {
  const [p, e] = twoProduct(x, x);
  exactSumAdd(partials, p);
  if (e !== 0) exactSumAdd(partials, e);
}

/**
 * Σ(y − ȳ)² for n observations with exact sums Σy and Σy², rounded twice (once for
 * n·Σy² − (Σy)², once for the division by n): it is 0 exactly when every y is equal.
 *
 * @throws {RangeError} when n is not a non-negative integer
 * @example
 * const s1 = exactSumOf([1e8 + 1, 1e8 + 2, 1e8 + 3]);
 * const s2: ExactSum = [];
 * for (const y of [1e8 + 1, 1e8 + 2, 1e8 + 3]) exactSumAddSquare(s2, y);
 * sumOfSquaredDeviations(3, s1, s2); // 2
 */
export function sumOfSquaredDeviations(n: number, sumY: ExactSum, sumY2: ExactSum): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`sumOfSquaredDeviations requires a non-negative integer count, got ${n}`);
  }
  if (n === 0) return 0;
  const d: ExactSum = [];
  for (const q of sumY2) {
    const [p, e] = twoProduct(n, q);
    exactSumAdd(d, p);
    exactSumAdd(d, e);
  }
  for (const a of sumY) {
    for (const b of sumY) {
      const [p, e] = twoProduct(a, b);
      exactSumAdd(d, -p);
      exactSumAdd(d, -e);
    }
  }
  return exactSumValue(d) / n;
}
