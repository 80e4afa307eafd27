import { pairwiseSum } from "./pairwiseSum.ts";
import { validateCounts } from "./validateCounts.ts";

/**
 * Hellinger distance between reference and current counts over the same bins,
 * H = √(1 − Σ √(r_i·c_i)) with r and c the proportions (DESIGN §5) — 1 minus the Bhattacharyya
 * coefficient, under a square root.
 *
 * Symmetric, bounded in [0, 1] (1 when the distributions share no bin), finite with empty bins
 * and a true metric. For (nearly) identical inputs round-off can leave 1 − Σ a hair below 0; that
 * is clamped to 0. Sum in NumPy's pairwise order.
 *
 * Complexity: O(k) for k bins.
 *
 * @throws InvalidStatsInputError "hellinger requires at least one bin", for arrays of different
 * lengths, negative or non-finite counts, or an empty reference or current distribution.
 * @example
 * hellinger([1, 0], [0, 1]); // 1
 * hellinger([1, 1], [1, 3]); // 0.18459191128251476
 */
export function hellinger(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  const totals = validateCounts("hellinger", refCounts, curCounts);
  const terms = new Float64Array(refCounts.length);
  for (let i = 0; i < terms.length; i++) terms[i] = Math.sqrt((refCounts[i] / totals.ref) * (curCounts[i] / totals.cur));
  return Math.sqrt(Math.max(0, 1 - pairwiseSum(terms)));
}
