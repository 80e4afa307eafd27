/**
 * The compression step of a merging t-digest (Dunning & Ertl, "Computing extremely accurate
 * quantiles using t-digests", 2019) with the k1 scale function k(q) = δ/(2π)·asin(2q − 1).
 *
 * Two streams of centroids, each sorted by (mean, weight, point), are merged and greedily folded
 * left to right: a centroid grows while it spans at most one unit of k. So no centroid holds more
 * than π/δ of the mass (at the median), tail centroids are tiny, and the output has at most δ + 1
 * centroids. Merging sorted streams makes the result independent of which stream is which.
 * O(n) time, no allocation.
 *
 * @example
 * const out = newCentroidArrays(compressionCapacity(1000));
 * const n = compressStreams(a, b, 1000, out); // centroids in out.means/weights/points [0, n)
 */

/** Centroids in parallel typed arrays; `points[i]` is 1 when every value of centroid i was equal. */
export interface CentroidArrays {
  means: Float64Array;
  weights: Float64Array;
  points: Uint8Array;
}

/** A sorted run of centroids; null weights mean all 1, null points mean all single values. */
export interface CentroidStream {
  means: Float64Array;
  weights: Float64Array | null;
  points: Uint8Array | null;
  length: number;
}

/** Allocates centroid arrays of the given capacity. @example newCentroidArrays(compressionCapacity(3000)); */
export function newCentroidArrays(capacity: number): CentroidArrays {
  return {
    means: new Float64Array(capacity),
    weights: new Float64Array(capacity),
    points: new Uint8Array(capacity),
  };
}

/** Upper bound on the centroids `compressStreams` emits for a compression δ. @example compressionCapacity(3000); // 3008 */
export function compressionCapacity(compression: number): number {
  return Math.ceil(compression) + 8;
}

/**
 * q-limit of a centroid that starts at quantile q0: k⁻¹(k(q0) + 1), clamped at 1. With
 * s = 2q0 − 1 = sin θ and φ = 2π/δ, sin(θ + φ) = s·cos φ + √(1 − s²)·sin φ: one square root
 * instead of asin and sin per centroid.
 */
function nextQuantileLimit(q0: number, cosPhi: number, sinPhi: number): number {
  const s = Math.min(1, Math.max(-1, 2 * q0 - 1));
  if (s >= cosPhi) return 1;
  return (s * cosPhi + Math.sqrt(1 - s * s) * sinPhi + 1) / 2;
}

/** True when item (m1, w1, p1) sorts strictly before (m2, w2, p2). */
function before(m1: number, w1: number, p1: number, m2: number, w2: number, p2: number): boolean {
  if (m1 !== m2) return m1 < m2;
  if (w1 !== w2) return w1 < w2;
  return p1 < p2;
}

/**
 * Merges streams a and b (either may be empty) into `out` under compression δ; returns the number
 * of centroids written. `out` must not alias a or b and must hold `compressionCapacity(δ)`.
 *
 * @example
 * const n = compressStreams(toStream(a), toStream(b), 3000, out);
 */
export function compressStreams(a: CentroidStream, b: CentroidStream, compression: number, out: CentroidArrays): number {
  const na = a.length;
  const nb = b.length;
  const aMeans = a.means;
  const aWeights = a.weights;
  const aPoints = a.points;
  const bMeans = b.means;
  const bWeights = b.weights;
  const bPoints = b.points;
  let total = 0;
  if (aWeights === null) total += na;
  else for (let i = 0; i < na; i++) total += aWeights[i];
  if (bWeights === null) total += nb;
  else for (let j = 0; j < nb; j++) total += bWeights[j];
  if (total === 0) return 0;
  const cosPhi = Math.cos((2 * Math.PI) / compression);
  const sinPhi = Math.sin((2 * Math.PI) / compression);
  let limit = total * nextQuantileLimit(0, cosPhi, sinPhi);
  let soFar = 0;
  let n = 0;
  // The open centroid: first value, weighted sum and weight; the mean is taken when it closes,
  // and a centroid of equal values keeps that value exactly.
  let firstM = 0;
  let curSum = 0;
  let curW = 0;
  let curP = 0;
  // Heads of the two streams, reloaded only when consumed; an exhausted stream's head is +∞.
  let i = 0;
  let j = 0;
  let am = na > 0 ? aMeans[0] : Infinity;
  let aw = na > 0 && aWeights !== null ? aWeights[0] : 1;
  let ap = na > 0 && aPoints !== null ? aPoints[0] : 1;
  let bm = nb > 0 ? bMeans[0] : Infinity;
  let bw = nb > 0 && bWeights !== null ? bWeights[0] : 1;
  let bp = nb > 0 && bPoints !== null ? bPoints[0] : 1;
  for (let left = na + nb; left > 0; left--) {
    let m: number, w: number, p: number;
    if (j >= nb || (i < na && !before(bm, bw, bp, am, aw, ap))) {
      m = am; w = aw; p = ap;
      if (++i < na) {
        am = aMeans[i];
        if (aWeights !== null) aw = aWeights[i];
        if (aPoints !== null) ap = aPoints[i];
      } else am = Infinity;
    } else {
      m = bm; w = bw; p = bp;
      if (++j < nb) {
        bm = bMeans[j];
        if (bWeights !== null) bw = bWeights[j];
        if (bPoints !== null) bp = bPoints[j];
      } else bm = Infinity;
    }
    if (curW === 0) {
      firstM = m; curSum = m * w; curW = w; curP = p;
    } else if (soFar + curW + w <= limit) {
      curSum += m * w;
      curW += w;
      if (curP === 1 && (p !== 1 || m !== firstM)) curP = 0;
    } else {
      n = emit(out, n, firstM, curSum, curW, curP);
      soFar += curW;
      limit = total * nextQuantileLimit(soFar / total, cosPhi, sinPhi);
      firstM = m; curSum = m * w; curW = w; curP = p;
    }
  }
  n = emit(out, n, firstM, curSum, curW, curP);
  canonicaliseTies(out, n);
  return n;
}

/** Closes a centroid: its mean (the exact value for a point), weight and point flag. */
function emit(out: CentroidArrays, n: number, firstM: number, sum: number, w: number, point: number): number {
  const p = w === 1 ? 1 : point;
  out.means[n] = p === 1 ? firstM : sum / w;
  out.weights[n] = w;
  out.points[n] = p;
  return n + 1;
}

/** Orders runs of equal means by (weight, point) so equal inputs give byte-equal outputs. */
function canonicaliseTies(c: CentroidArrays, n: number): void {
  for (let k = 1; k < n; k++) {
    if (c.means[k] !== c.means[k - 1]) continue;
    let x = k;
    while (x > 0 && c.means[x - 1] === c.means[x] &&
      before(c.means[x], c.weights[x], c.points[x], c.means[x - 1], c.weights[x - 1], c.points[x - 1])) {
      const w = c.weights[x]; c.weights[x] = c.weights[x - 1]; c.weights[x - 1] = w;
      const p = c.points[x]; c.points[x] = c.points[x - 1]; c.points[x - 1] = p;
      x--;
    }
  }
}
