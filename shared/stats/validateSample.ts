import type { WeightedSample } from "../types.ts";
import { InvalidStatsInputError } from "./errors.ts";

/**
 * Checks that a weighted sample is usable by a statistic and returns its total weight.
 *
 * A usable sample is non-empty, has as many weights as values, strictly increasing finite values
 * and positive finite weights (the `WeightedSample` contract of `shared/types.ts`). Statistics call
 * this once per argument, so a broken profile fails loudly rather than yielding a silent NaN.
 *
 * Complexity: O(n) time, O(1) space.
 *
 * @throws InvalidStatsInputError naming `fn` and `name` when the sample breaks the contract.
 * @example
 * validateSample("ks", "ref", { values: Float64Array.of(1, 2), weights: Float64Array.of(2, 1) }); // 3
 */
export function validateSample(fn: string, name: string, s: WeightedSample): number {
  const { values, weights } = s;
  if (values.length === 0) throw new InvalidStatsInputError(fn, `requires a non-empty ${name} sample`);
  if (weights.length !== values.length) {
    throw new InvalidStatsInputError(fn, `requires as many weights as values in ${name} (${weights.length} vs ${values.length})`);
  }
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights[i];
    if (!Number.isFinite(v)) throw new InvalidStatsInputError(fn, `requires finite values in ${name}, got ${v}`);
    if (i > 0 && !(v > values[i - 1])) {
      throw new InvalidStatsInputError(fn, `requires strictly increasing values in ${name} (index ${i})`);
    }
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new InvalidStatsInputError(fn, `requires positive finite weights in ${name}, got ${w}`);
    }
    total += w;
  }
  return total;
}
