/**
 * Label delay percentiles (p50, p90, p99 of the time from prediction to joined label), from a list
 * of delays or from a mergeable histogram.
 *
 * A list gives numpy's default percentile (linear interpolation between order statistics). The
 * histogram is logarithmic like DDSketch: bucket i holds delays in (γ^(i−1), γ^i] ms with
 * γ = 1.01/0.99, reported as 2γ^i/(γ + 1), so every percentile is within 1% relative of numpy's
 * on the raw delays (interpolation of two values each within 1% stays within 1%). Zero delays have
 * their own bucket. Histograms merge exactly by adding counts; about 1,200 buckets span 1 ms to a
 * year. Negative or non-finite delays (clock skew, bad timestamps) are not counted.
 */

/** Relative accuracy of percentiles read from a histogram. */
export const DELAY_RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + DELAY_RELATIVE_ACCURACY) / (1 - DELAY_RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);

/** A mergeable histogram of delays in milliseconds; plain JSON. */
export interface DelayHistogram {
  count: number;
  zero: number;
  /** Bucket index (as a string) → count. */
  buckets: Record<string, number>;
}

/** p50, p90 and p99 in milliseconds (null when no delay was counted). */
export interface LabelDelayPercentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/**
 * An empty delay histogram.
 *
 * @example
 * newDelayHistogram(); // { count: 0, zero: 0, buckets: {} }
 */
export function newDelayHistogram(): DelayHistogram {
  return { count: 0, zero: 0, buckets: {} };
}

/**
 * Counts one delay, in place; false (nothing counted) for a negative or non-finite delay.
 *
 * @example
 * const h = newDelayHistogram();
 * [addDelay(h, 1500), addDelay(h, -3)]; // [true, false]
 */
export function addDelay(h: DelayHistogram, delayMs: number): boolean {
  if (!(delayMs >= 0 && delayMs < Infinity)) return false;
  h.count++;
  if (delayMs === 0) h.zero++;
  else {
    const k = String(Math.ceil(Math.log(delayMs) / LN_GAMMA));
    h.buckets[k] = (Object.hasOwn(h.buckets, k) ? h.buckets[k] : 0) + 1;
  }
  return true;
}

/**
 * The histogram of both inputs' delays (inputs unchanged).
 *
 * @example
 * const a = newDelayHistogram(); addDelay(a, 10);
 * mergeDelayHistograms(a, a).count; // 2
 */
export function mergeDelayHistograms(a: DelayHistogram, b: DelayHistogram): DelayHistogram {
  const buckets: Record<string, number> = { ...a.buckets };
  for (const [k, c] of Object.entries(b.buckets)) buckets[k] = (Object.hasOwn(buckets, k) ? buckets[k] : 0) + c;
  return { count: a.count + b.count, zero: a.zero + b.zero, buckets };
}

// numpy's _lerp: a + t·(b − a), computed from b when t ≥ 0.5 so that t = 1 gives b exactly.
function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

function percentile(valueAt: (rank: number) => number, n: number, q: number): number {
  const r = q * (n - 1);
  const lo = Math.floor(r);
  return lerp(valueAt(lo), valueAt(Math.min(lo + 1, n - 1)), r - lo);
}

function histogramValueAt(h: DelayHistogram): (rank: number) => number {
  const sorted = Object.entries(h.buckets).map(([k, c]) => [Number(k), c]).sort((x, y) => x[0] - y[0]);
  return (rank) => {
    if (rank < h.zero) return 0;
    let seen = h.zero;
    for (const [i, c] of sorted) {
      seen += c;
      if (rank < seen) return (2 * GAMMA ** i) / (GAMMA + 1);
    }
    return (2 * GAMMA ** sorted[sorted.length - 1][0]) / (GAMMA + 1);
  };
}

/**
 * p50/p90/p99 of label delays: exact (numpy's linear method) for a list, within 1% for a histogram.
 *
 * @example
 * labelDelayPercentiles([1000, 2000, 3000, 4000, 5000]); // { count: 5, p50: 3000, p90: 4600, p99: 4960 }
 */
export function labelDelayPercentiles(delays: readonly number[] | DelayHistogram): LabelDelayPercentiles {
  let n: number;
  let valueAt: (rank: number) => number;
  if (Array.isArray(delays)) {
    const sorted = delays.filter((d) => d >= 0 && d < Infinity).sort((a, b) => a - b);
    n = sorted.length;
    valueAt = (rank) => sorted[rank];
  } else {
    const h = delays as DelayHistogram;
    n = h.count;
    valueAt = histogramValueAt(h);
  }
  if (n === 0) return { count: 0, p50: null, p90: null, p99: null };
  return { count: n, p50: percentile(valueAt, n, 0.5), p90: percentile(valueAt, n, 0.9), p99: percentile(valueAt, n, 0.99) };
}
