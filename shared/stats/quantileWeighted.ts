import type { WeightedSample } from "../types.ts";
import { InvalidStatsInputError } from "./errors.ts";
import { validateSample } from "./validateSample.ts";

/**
 * The p-quantile of a weighted sample, exactly as `numpy.quantile(expanded, p)` with NumPy's
 * default "linear" method, where the sample stands for each value repeated by its (integer) weight.
 *
 * NumPy puts the quantile at the virtual index h = (n − 1)·p of the sorted expanded sample and
 * interpolates between its neighbours, as `_lerp` does: a + (b − a)·γ when γ < 0.5, otherwise
 * b − (b − a)·(1 − γ), with γ = h − ⌊h⌋. Those two forms round differently, and we keep both so
 * that bin edges match NumPy's to the last bit. Non-integer weights (sketch centroids) are
 * treated as fractional copies: the rank lookup uses the cumulative weights as they are.
 *
 * Complexity: O(k) to build cumulative weights plus O(log k) per quantile, for k distinct values.
 *
 * @throws InvalidStatsInputError when p is outside [0, 1] or the sample is invalid.
 * @example
 * const s = { values: Float64Array.of(1, 2, 10), weights: Float64Array.of(2, 1, 1) }; // 1,1,2,10
 * quantileWeighted(s, 0.5);  // 1.5
 * quantileWeighted(s, 0.75); // 4
 */
export function quantileWeighted(sample: WeightedSample, p: number): number {
  return quantilesWeighted("quantileWeighted", sample, [p])[0];
}

/**
 * Several quantiles of one weighted sample at once (what `binEdges` needs), sharing the O(k)
 * cumulative-weight pass. Same definition and errors as `quantileWeighted`, named after `fn`.
 *
 * @example
 * quantilesWeighted("binEdges", toWeightedSample([1, 2, 3, 4]), [0.25, 0.5]); // [1.75, 2.5]
 */
export function quantilesWeighted(fn: string, sample: WeightedSample, ps: readonly number[]): number[] {
  const n = validateSample(fn, "sample", sample);
  const { values, weights } = sample;
  const cum = new Float64Array(values.length);
  let acc = 0;
  for (let i = 0; i < values.length; i++) cum[i] = acc += weights[i];
  // The value at 0-based index `idx` of the expanded sample: the first value whose cumulative
  // weight exceeds idx.
  const at = (idx: number): number => {
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > idx) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  };
  return ps.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new InvalidStatsInputError(fn, `requires a quantile in [0, 1], got ${p}`);
    const virtual = (n - 1) * p;
    if (virtual >= n - 1) return values[values.length - 1];
    const prev = Math.floor(virtual);
    const gamma = virtual - prev;
    const a = at(prev);
    const b = at(prev + 1);
    const diff = b - a;
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  });
}
