import type { WeightedSample } from "../types.ts";
import { InvalidStatsInputError } from "./errors.ts";
import { quantilesWeighted } from "./quantileWeighted.ts";

/** Bins per numerical feature for the binned drift measures (DESIGN §5). */
export const DEFAULT_BIN_COUNT = 10;

/**
 * Bin edges for the binned drift measures on a numerical feature (DESIGN §5): the reference's
 * quantiles at k/B for k = 1 … B − 1 (NumPy's linear method, as `np.quantile`), with duplicates
 * removed as `np.unique` does. Together with `histogram` they define the bins
 * (−∞, e1), [e1, e2), …, [e_last, +∞): B bins for a continuous reference, fewer when ties make
 * quantiles coincide, and a single bin (no edges) for a constant one.
 *
 * Complexity: O(k + B log k) for k distinct reference values.
 *
 * @throws InvalidStatsInputError when `bins` is not an integer ≥ 1 or the sample is invalid.
 * @example
 * binEdges(toWeightedSample([1, 2, 3, 4, 5]), 4); // [2, 3, 4]
 * binEdges(toWeightedSample([7, 7, 7]));          // [7]
 */
export function binEdges(sample: WeightedSample, bins: number = DEFAULT_BIN_COUNT): number[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new InvalidStatsInputError("binEdges", `requires an integer bin count ≥ 1, got ${bins}`);
  }
  const ps: number[] = [];
  for (let k = 1; k < bins; k++) ps.push(k / bins);
  const qs = quantilesWeighted("binEdges", sample, ps).sort((x, y) => x - y);
  const edges: number[] = [];
  for (const q of qs) if (edges.length === 0 || q !== edges[edges.length - 1]) edges.push(q);
  return edges;
}
