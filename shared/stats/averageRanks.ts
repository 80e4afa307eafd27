import type { PooledSamples } from "./types.ts";

/**
 * Average ("mid") ranks of the pooled values, as `scipy.stats.rankdata(method="average")` ranks
 * the concatenation of the two expanded samples.
 *
 * The w copies of a tied value occupy ranks c+1 … c+w, where c is the weight strictly below it;
 * all of them get their mean c + (w + 1) / 2. With integer weights every rank is an exact
 * half-integer, as in scipy.
 *
 * Complexity: O(k) time and space for k pooled values.
 *
 * @throws Never; the samples are assumed valid (callers run validateSample first).
 * @example
 * const p = poolSamples(toWeightedSample([1, 2, 2]), toWeightedSample([2, 5]));
 * [...averageRanks(p)]; // [1, 3, 5]: value 2 holds ranks 2, 3 and 4
 */
export function averageRanks(p: PooledSamples): Float64Array {
  const k = p.values.length;
  const ranks = new Float64Array(k);
  let below = 0;
  for (let i = 0; i < k; i++) {
    const w = p.weightsA[i] + p.weightsB[i];
    ranks[i] = below + (w + 1) / 2;
    below += w;
  }
  return ranks;
}
