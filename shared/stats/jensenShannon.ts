import { pairwiseSum } from "./pairwiseSum.ts";
import { relEntr } from "./relEntr.ts";
import { validateCounts } from "./validateCounts.ts";

/** The largest Jensen–Shannon distance with natural logarithms, √(ln 2). */
export const MAX_JENSEN_SHANNON = Math.sqrt(Math.LN2);

/**
 * Jensen–Shannon distance between reference and current counts over the same bins, as
 * `scipy.spatial.distance.jensenshannon(r, c)` with natural logarithms:
 * √((KL(r‖m) + KL(c‖m)) / 2), m = (r + c)/2, r and c normalised to proportions.
 *
 * A symmetric, bounded ([0, √ln 2]) and always finite cousin of KL divergence (empty bins need no
 * patching), and a true metric. Round-off can push the sum a hair below 0 for identical inputs,
 * where scipy would return NaN, or above ln 2; the result is clamped into [0, √ln 2].
 *
 * Complexity: O(k) for k bins.
 *
 * @throws InvalidStatsInputError "jensenShannon requires at least one bin", for arrays of different
 * lengths, negative or non-finite counts, or an empty reference or current distribution.
 * @example
 * jensenShannon([1, 0], [0, 1]); // 0.8325546111576977 = √(ln 2)
 * jensenShannon([3, 1], [1, 3]); // 0.3616794657443756
 */
export function jensenShannon(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  const totals = validateCounts("jensenShannon", refCounts, curCounts);
  const k = refCounts.length;
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const p = refCounts[i] / totals.ref;
    const q = curCounts[i] / totals.cur;
    const m = (p + q) / 2;
    left[i] = relEntr(p, m);
    right[i] = relEntr(q, m);
  }
  const js = pairwiseSum(left) + pairwiseSum(right);
  return Math.min(MAX_JENSEN_SHANNON, Math.sqrt(Math.max(0, js / 2)));
}
