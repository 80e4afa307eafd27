import type { WeightedSample } from "../types.ts";
import type { PooledSamples } from "./types.ts";

/**
 * Merges two weighted samples over the union of their distinct values.
 *
 * The two-sample statistics (ks, wasserstein, cramerVonMises, andersonKSamp) all walk the pooled
 * sample in order: scipy evaluates ECDFs "at all distinct values" of the concatenation, and ranks
 * the concatenation with ties sharing their average rank. Merging once gives every one of them
 * the same view, with each sample's weight at each pooled value (0 where it has none).
 * The inputs are assumed valid (see `validateSample`).
 *
 * Complexity: O(n + m) time and space (a merge of two sorted lists).
 *
 * @throws Never; the samples are assumed valid (callers run validateSample first).
 * @example
 * const p = poolSamples(
 *   { values: Float64Array.of(1, 3), weights: Float64Array.of(1, 1) },
 *   { values: Float64Array.of(2, 3), weights: Float64Array.of(2, 1) },
 * );
 * [...p.values];   // [1, 2, 3]
 * [...p.weightsB]; // [0, 2, 1]
 */
export function poolSamples(a: WeightedSample, b: WeightedSample): PooledSamples {
  const na = a.values.length;
  const nb = b.values.length;
  const values = new Float64Array(na + nb);
  const weightsA = new Float64Array(na + nb);
  const weightsB = new Float64Array(na + nb);
  let i = 0;
  let j = 0;
  let k = 0;
  let totalA = 0;
  let totalB = 0;
  while (i < na || j < nb) {
    const va = i < na ? a.values[i] : Infinity;
    const vb = j < nb ? b.values[j] : Infinity;
    if (j >= nb || (i < na && va <= vb)) {
      values[k] = va;
      weightsA[k] = a.weights[i];
      totalA += a.weights[i++];
      if (j < nb && vb === va) {
        weightsB[k] = b.weights[j];
        totalB += b.weights[j++];
      }
    } else {
      values[k] = vb;
      weightsB[k] = b.weights[j];
      totalB += b.weights[j++];
    }
    k++;
  }
  return {
    values: values.slice(0, k),
    weightsA: weightsA.slice(0, k),
    weightsB: weightsB.slice(0, k),
    totalA,
    totalB,
  };
}
