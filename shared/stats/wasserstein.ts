import type { WeightedSample } from "../types.ts";
import { pooledEcdfs } from "./pooledEcdfs.ts";
import { poolSamples } from "./poolSamples.ts";
import { validateSample } from "./validateSample.ts";

/**
 * First Wasserstein (earth mover's) distance between two weighted samples,
 * W1 = ∫ |F_ref(x) − F_cur(x)| dx, as `scipy.stats.wasserstein_distance(u, v, u_weights,
 * v_weights)`: the area between the two weighted ECDFs, summed over the gaps between consecutive
 * pooled values.
 *
 * It measures how far, in the feature's own units, mass has to move to turn one distribution into
 * the other, so a shift of the whole distribution by c gives W1 = c. The drift layer divides it by
 * the reference standard deviation (ddof 0) to make it unit-free.
 *
 * Complexity: O(k) time and space for k pooled distinct values.
 *
 * @throws InvalidStatsInputError when a sample is empty or breaks the WeightedSample contract.
 * @example
 * wasserstein(toWeightedSample([0, 1, 3]), toWeightedSample([5, 6, 8])); // 5
 * wasserstein(toWeightedSample([0, 1]), toWeightedSample([0, 1]));       // 0
 */
export function wasserstein(ref: WeightedSample, cur: WeightedSample): number {
  validateSample("wasserstein", "reference", ref);
  validateSample("wasserstein", "current", cur);
  const pooled = poolSamples(ref, cur);
  const { cdfA, cdfB } = pooledEcdfs(pooled);
  let total = 0;
  for (let i = 0; i + 1 < pooled.values.length; i++) {
    total += Math.abs(cdfA[i] - cdfB[i]) * (pooled.values[i + 1] - pooled.values[i]);
  }
  return total;
}
