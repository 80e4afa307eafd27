import { compressStreams, compressionCapacity, newCentroidArrays, type CentroidStream } from "./tdigest-core.ts";
import type { Distribution, ExactDistribution, TDigestDistribution } from "./types.ts";

/**
 * Merges two distributions of finite values. Exact + exact stays exact (counts summed) while the
 * union has at most `exactDistinctCap` distinct values, and becomes a t-digest beyond; anything with
 * a digest gives a digest of compression max(δa, δb). Commutative: merge(a, b) and merge(b, a) are
 * deep-equal, because both walk the two inputs in one canonical sorted order.
 *
 * @example
 * mergeDistributions({ kind: "exact", values: [1, 2], counts: [1, 1] },
 *   { kind: "exact", values: [2], counts: [3] }, 10_000, 3000);
 * // { kind: "exact", values: [1, 2], counts: [1, 4] }
 */
export function mergeDistributions(a: Distribution, b: Distribution, exactDistinctCap: number, compression: number): Distribution {
  if (a.kind === "exact" && b.kind === "exact") {
    const union = mergeExact(a, b);
    return union.values.length <= exactDistinctCap ? union : exactToDigest(union, compression);
  }
  const delta = Math.max(a.kind === "tdigest" ? a.compression : 0, b.kind === "tdigest" ? b.compression : 0);
  return digestFromStreams(toStream(a), toStream(b), delta, lowest(a, b), highest(a, b));
}

/** Sum of two exact distributions, values in increasing order. @example mergeExact(a, b).values; // sorted union */
export function mergeExact(a: ExactDistribution, b: ExactDistribution): ExactDistribution {
  const values: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.values.length || j < b.values.length) {
    const va = i < a.values.length ? a.values[i] : Infinity;
    const vb = j < b.values.length ? b.values[j] : Infinity;
    if (va === vb) { values.push(va); counts.push(a.counts[i++] + b.counts[j++]); }
    else if (va < vb) { values.push(va); counts.push(a.counts[i++]); }
    else { values.push(vb); counts.push(b.counts[j++]); }
  }
  return { kind: "exact", values, counts };
}

/** The t-digest of an exact distribution (heavy ties become point centroids). @example exactToDigest(d, 3000).means; */
export function exactToDigest(d: ExactDistribution, compression: number): TDigestDistribution {
  const empty: CentroidStream = { means: new Float64Array(0), weights: null, points: null, length: 0 };
  return digestFromStreams(toStream(d), empty, compression, d.values[0], d.values[d.values.length - 1]);
}

/** A distribution as a sorted centroid stream; exact values are point centroids. @example compressStreams(toStream(a), toStream(b), 3000, out); */
export function toStream(d: Distribution): CentroidStream {
  if (d.kind === "exact") {
    return { means: Float64Array.from(d.values), weights: Float64Array.from(d.counts), points: null, length: d.values.length };
  }
  const points = new Uint8Array(d.means.length);
  for (let i = 0; i < d.weights.length; i++) if (d.weights[i] === 1) points[i] = 1;
  for (const i of d.points) points[i] = 1;
  return { means: Float64Array.from(d.means), weights: Float64Array.from(d.weights), points, length: d.means.length };
}

function digestFromStreams(a: CentroidStream, b: CentroidStream, compression: number, min: number, max: number): TDigestDistribution {
  const out = newCentroidArrays(compressionCapacity(compression));
  const n = compressStreams(a, b, compression, out);
  const means = Array.from(out.means.subarray(0, n));
  const weights = Array.from(out.weights.subarray(0, n));
  const points: number[] = [];
  for (let i = 0; i < n; i++) if (out.points[i] === 1 && weights[i] > 1) points.push(i);
  return { kind: "tdigest", compression, min, max, means, weights, points };
}

function lowest(a: Distribution, b: Distribution): number {
  return Math.min(minOf(a), minOf(b));
}

function highest(a: Distribution, b: Distribution): number {
  return Math.max(maxOf(a), maxOf(b));
}

function minOf(d: Distribution): number {
  if (d.kind === "tdigest") return d.min;
  return d.values.length > 0 ? d.values[0] : Infinity;
}

function maxOf(d: Distribution): number {
  if (d.kind === "tdigest") return d.max;
  return d.values.length > 0 ? d.values[d.values.length - 1] : -Infinity;
}
