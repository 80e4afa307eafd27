import type { WeightedSample } from "../types.ts";
import { InvalidStatsInputError } from "./errors.ts";

/**
 * Builds a weighted sample from raw values: the sorted distinct values, each weighted by how
 * often it occurs.
 *
 * This is the bridge between a plain array (tests, small references) and the `WeightedSample`
 * that profiles produce and every statistic here takes. `-0` and `0` count as one value.
 *
 * Complexity: O(n log n) time for the sort, O(n) space.
 *
 * @throws InvalidStatsInputError when a value is NaN or infinite.
 * @example
 * const s = toWeightedSample([3, 1, 3]);
 * [...s.values];  // [1, 3]
 * [...s.weights]; // [1, 2]
 */
export function toWeightedSample(values: ArrayLike<number>): WeightedSample {
  const sorted = Float64Array.from(values);
  for (const v of sorted) {
    if (!Number.isFinite(v)) throw new InvalidStatsInputError("toWeightedSample", `requires finite values, got ${v}`);
  }
  sorted.sort();
  const outValues: number[] = [];
  const outWeights: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] === 0 ? 0 : sorted[i];
    if (outValues.length > 0 && outValues[outValues.length - 1] === v) outWeights[outWeights.length - 1] += 1;
    else {
      outValues.push(v);
      outWeights.push(1);
    }
  }
  return { values: Float64Array.from(outValues), weights: Float64Array.from(outWeights) };
}
