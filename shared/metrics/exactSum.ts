/**
 * Exact floating-point summation (Shewchuk's non-overlapping partials, as in Python's `math.fsum`).
 *
 * A sum is kept as a short array of partials whose exact total is the exact sum of every term
 * added so far, so adding terms or merging two sums in any order or grouping represents the same
 * real number, and `exactSumValue` rounds it once, correctly. That is what makes metric
 * accumulators merge exactly: the metrics of a window do not depend on how it was split.
 * Terms must be finite and the running total must stay far below overflow (|total| < 2^1000).
 * Each addition costs O(number of partials), which is a handful in practice.
 */

/** The partials of an exact sum: plain numbers, JSON-serialisable. */
export type ExactSum = number[];

/**
 * Adds a finite term to an exact sum, in place.
 *
 * @example
 * const s: ExactSum = [];
 * for (const x of [1e100, 1, -1e100]) exactSumAdd(s, x);
 * exactSumValue(s); // 1
 */
export function exactSumAdd(partials: ExactSum, term: number): void {
  let x = term;
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j];
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
}

/**
 * The exact sum of two exact sums, as a new array in canonical form (the inputs are unchanged).
 * The canonical form depends only on the real number represented, so merges in any order or
 * grouping give deep-equal arrays.
 *
 * @example
 * exactSumValue(exactSumMerge([0.1], [0.2])); // 0.30000000000000004
 */
export function exactSumMerge(a: ExactSum, b: ExactSum): ExactSum {
  const out = a.slice();
  for (const x of b) exactSumAdd(out, x);
  return exactSumCanonical(out);
}

/**
 * The canonical partials of an exact sum: its correctly rounded value, then the rounded value of
 * what remains, and so on, smallest first (each below half an ulp of the next, so non-overlapping).
 *
 * @example
 * exactSumCanonical(exactSumOf([1e100, 1, -1e100])); // [1] (the partials were [1, 0])
 */
export function exactSumCanonical(partials: ExactSum): ExactSum {
  const rest = partials.slice();
  const out: ExactSum = [];
  for (let v = exactSumValue(rest); v !== 0; v = exactSumValue(rest)) {
    out.push(v);
    exactSumAdd(rest, -v);
  }
  return out.reverse();
}

/**
 * The exact sum rounded once to the nearest double (ties to even); 0 for an empty sum.
 *
 * @example
 * const s: ExactSum = [];
 * for (let i = 0; i < 10; i++) exactSumAdd(s, 0.1);
 * exactSumValue(s); // 1 (a naive loop gives 0.9999999999999999)
 */
export function exactSumValue(partials: ExactSum): number {
  let n = partials.length;
  if (n === 0) return 0;
  n -= 1;
  let hi = partials[n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    n -= 1;
    const y = partials[n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way cases: the partials below decide which way the rounding of hi + lo should go.
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * An exact sum built from a list of terms.
 *
 * @example
 * exactSumValue(exactSumOf([1, 2, 3])); // 6
 */
export function exactSumOf(terms: Iterable<number>): ExactSum {
  const s: ExactSum = [];
  for (const t of terms) exactSumAdd(s, t);
  return s;
}
