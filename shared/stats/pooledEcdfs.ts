import type { PooledSamples } from "./types.ts";

/** The two empirical CDFs evaluated at every pooled value. */
export interface PooledEcdfs {
  /** F_A(values[i]) = weight of A at or below values[i] / total weight of A. */
  cdfA: Float64Array;
  cdfB: Float64Array;
}

/**
 * Evaluates both weighted ECDFs at each distinct value of the pooled sample.
 *
 * Right-continuous, as `np.searchsorted(sorted, x, side="right") / n` in `scipy.stats.ks_2samp`:
 * F(x) counts the weight at x itself. With integer weights the cumulative weight is an exact
 * integer, so each F value is the same double scipy computes from the expanded sample.
 *
 * Complexity: O(k) time and space for k pooled values.
 *
 * @throws Never; the samples are assumed valid (callers run validateSample first).
 * @example
 * const p = poolSamples(toWeightedSample([1, 2]), toWeightedSample([2, 3]));
 * [...pooledEcdfs(p).cdfA]; // [0.5, 1, 1]
 * [...pooledEcdfs(p).cdfB]; // [0, 0.5, 1]
 */
export function pooledEcdfs(p: PooledSamples): PooledEcdfs {
  const k = p.values.length;
  const cdfA = new Float64Array(k);
  const cdfB = new Float64Array(k);
  let cumA = 0;
  let cumB = 0;
  for (let i = 0; i < k; i++) {
    cumA += p.weightsA[i];
    cumB += p.weightsB[i];
    cdfA[i] = cumA / p.totalA;
    cdfB[i] = cumB / p.totalB;
  }
  return { cdfA, cdfB };
}
