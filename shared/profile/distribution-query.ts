import type { WeightedSample } from "../types.ts";
import type { Distribution, ExactDistribution, TDigestDistribution } from "./types.ts";

/**
 * Queries on a distribution of finite values: total weight, quantiles, CDF, weighted sample.
 * Exact distributions answer exactly (quantiles as numpy's default linear method); t-digests
 * interpolate over a piecewise-linear CDF whose knots are the centroid centres, except that a
 * point centroid (all values equal) is a vertical jump, so heavy ties stay ties.
 *
 * @example
 * quantileOfDistribution({ kind: "exact", values: [1, 2, 4], counts: [1, 1, 2] }, 0.5); // 3
 */

/** Number of values the distribution summarises. @example totalWeight({ kind: "exact", values: [1, 2], counts: [3, 1] }); // 4 */
export function totalWeight(d: Distribution): number {
  let s = 0;
  for (const c of d.kind === "exact" ? d.counts : d.weights) s += c;
  return s;
}

/** Quantile p ∈ [0, 1]; NaN when the distribution is empty. @example quantileOfDistribution(d, 0.99); */
export function quantileOfDistribution(d: Distribution, p: number): number {
  return d.kind === "exact" ? exactQuantile(d, p) : digestQuantile(d, p);
}

/** Share of the values ≤ x (right-continuous); NaN when empty. @example cdfOfDistribution({ kind: "exact", values: [1, 2], counts: [3, 1] }, 1); // 0.75 */
export function cdfOfDistribution(d: Distribution, x: number): number {
  if (d.kind === "exact") {
    const n = totalWeight(d);
    if (n === 0) return NaN;
    let below = 0;
    for (let i = 0; i < d.values.length && d.values[i] <= x; i++) below += d.counts[i];
    return below / n;
  }
  const { v, r, total } = knots(d);
  if (total === 0) return NaN;
  if (x < v[0]) return 0;
  if (x >= v[v.length - 1]) return 1;
  let lo = 0;
  let hi = v.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (v[mid] <= x) lo = mid; else hi = mid;
  }
  const rank = v[hi] === v[lo] ? r[lo] : r[lo] + ((r[hi] - r[lo]) * (x - v[lo])) / (v[hi] - v[lo]);
  return rank / total;
}

/** Strictly increasing values with positive weights: exact counts, or centroids (equal means summed). @example weightedSampleOfDistribution(d).values; */
export function weightedSampleOfDistribution(d: Distribution): WeightedSample {
  const vs = d.kind === "exact" ? d.values : d.means;
  const ws = d.kind === "exact" ? d.counts : d.weights;
  const values = new Float64Array(vs.length);
  const weights = new Float64Array(vs.length);
  let n = 0;
  for (let i = 0; i < vs.length; i++) {
    if (ws[i] <= 0) continue;
    if (n > 0 && values[n - 1] === vs[i]) weights[n - 1] += ws[i];
    else { values[n] = vs[i]; weights[n] = ws[i]; n++; }
  }
  return { values: values.slice(0, n), weights: weights.slice(0, n) };
}

/** numpy.quantile(values, p) with the default linear method (Hyndman & Fan 7), bit for bit. */
function exactQuantile(d: ExactDistribution, p: number): number {
  const n = totalWeight(d);
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  if (h >= n - 1) return d.values[d.values.length - 1];
  const lo = Math.floor(h);
  const g = h - lo;
  let i = 0;
  let cum = d.counts[0];
  while (cum <= lo) cum += d.counts[++i];
  const a = d.values[i];
  const b = cum > lo + 1 ? a : d.values[i + 1];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

function digestQuantile(d: TDigestDistribution, p: number): number {
  const { v, r, total } = knots(d);
  if (total === 0) return NaN;
  const t = p * total;
  let lo = 0;
  let hi = r.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (r[mid] <= t) lo = mid; else hi = mid;
  }
  if (r[hi] === r[lo]) return v[lo];
  const x = v[lo] + ((v[hi] - v[lo]) * (t - r[lo])) / (r[hi] - r[lo]);
  return Math.min(v[hi], Math.max(v[lo], x));
}

/** Knots (value, cumulative weight) of the digest's piecewise-linear CDF, both non-decreasing. */
function knots(d: TDigestDistribution): { v: Float64Array; r: Float64Array; total: number } {
  const isPoint = new Uint8Array(d.means.length);
  for (const i of d.points) isPoint[i] = 1;
  const v = new Float64Array(2 * d.means.length + 2);
  const r = new Float64Array(2 * d.means.length + 2);
  let k = 0;
  v[k] = d.min; r[k] = 0; k++;
  let cum = 0;
  for (let i = 0; i < d.means.length; i++) {
    const m = Math.min(d.max, Math.max(d.min, d.means[i], v[k - 1]));
    const w = d.weights[i];
    if (w === 1 || isPoint[i] === 1) {
      v[k] = m; r[k] = cum; k++;
      v[k] = m; r[k] = cum + w; k++;
    } else {
      v[k] = m; r[k] = cum + w / 2; k++;
    }
    cum += w;
  }
  v[k] = d.max; r[k] = cum; k++;
  return { v: v.subarray(0, k), r: r.subarray(0, k), total: cum };
}
