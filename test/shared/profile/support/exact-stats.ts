/**
 * Exact statistics computed in the tests from raw data, to judge the profiles against: two-sample
 * KS D and Wasserstein-1 between weighted samples (step CDFs), numpy-linear quantiles of sorted
 * arrays, and the rank interval of a value.
 *
 * @example
 * ksDistance(exactSample(a), exactSample(b)); // scipy.stats.ks_2samp(a, b).statistic
 */
import type { WeightedSample } from "../../../../shared/types.ts";

/** Sorted distinct values with their counts (of sorted data when `isSorted`). */
export function exactSample(data: Float64Array, isSorted = false): WeightedSample {
  const s = isSorted ? data : Float64Array.from(data).sort();
  let distinct = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const weights = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < s.length; i++) {
    if (i === 0 || s[i] !== s[i - 1]) values[++k] = s[i];
    weights[k]++;
  }
  return { values, weights };
}

function total(w: Float64Array): number {
  let t = 0;
  for (const x of w) t += x;
  return t;
}

/** Walks the union of the supports, calling f(x, Fa(x), Fb(x), nextX) at each support point. */
function walk(a: WeightedSample, b: WeightedSample, f: (x: number, fa: number, fb: number, next: number) => void): void {
  const ta = total(a.weights);
  const tb = total(b.weights);
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = Math.min(i < a.values.length ? a.values[i] : Infinity, j < b.values.length ? b.values[j] : Infinity);
    while (i < a.values.length && a.values[i] === x) ca += a.weights[i++];
    while (j < b.values.length && b.values[j] === x) cb += b.weights[j++];
    const next = Math.min(i < a.values.length ? a.values[i] : Infinity, j < b.values.length ? b.values[j] : Infinity);
    f(x, ca / ta, cb / tb, next);
  }
}

/** sup |Fa − Fb| of the two weighted empirical CDFs (the KS statistic). */
export function ksDistance(a: WeightedSample, b: WeightedSample): number {
  let d = 0;
  walk(a, b, (_x, fa, fb) => { d = Math.max(d, Math.abs(fa - fb)); });
  return d;
}

/** ∫ |Fa − Fb| dx (scipy.stats.wasserstein_distance with weights). */
export function wasserstein1(a: WeightedSample, b: WeightedSample): number {
  let w = 0;
  walk(a, b, (x, fa, fb, next) => { if (next !== Infinity) w += Math.abs(fa - fb) * (next - x); });
  return w;
}

/** Population standard deviation of raw data. */
export function stdOf(data: Float64Array): number {
  let m = 0;
  for (const x of data) m += x;
  m /= data.length;
  let s = 0;
  for (const x of data) s += (x - m) ** 2;
  return Math.sqrt(s / data.length);
}

/** numpy.quantile(sorted, p), default linear method. */
export function numpyQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  if (h >= n - 1) return sorted[n - 1];
  const lo = Math.floor(h);
  const g = h - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/** How far p lies from the rank interval [F(x−), F(x)] of x in sorted data (0 inside it). */
export function rankError(sorted: Float64Array, x: number, p: number): number {
  const below = lowerBound(sorted, x) / sorted.length;
  const atOrBelow = upperBound(sorted, x) / sorted.length;
  return p < below ? below - p : p > atOrBelow ? p - atOrBelow : 0;
}

function lowerBound(s: Float64Array, x: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function upperBound(s: Float64Array, x: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}
