import { InvalidStatsInputError } from "./errors.ts";
import { normalSf } from "./normalSf.ts";
import type { TestResult } from "./types.ts";
import { validateCounts } from "./validateCounts.ts";

/**
 * Two-proportion z-test for a binary feature, with pooled variance: the counts of its two values
 * in the reference and in the current data, [count of value 0, count of value 1] each.
 *
 * z = (p_ref − p_cur) / √(p̂(1 − p̂)(1/n_ref + 1/n_cur)), with p the share of the second value and
 * p̂ the pooled share; the result is |z| and the two-sided p-value 2·P(Z > |z|) (evidently's
 * `z_stat_test`, via scipy's `norm.sf`, accurate far into the tail). Which value is called
 * "second" does not change |z|. Identical proportions, a pooled variance of 0 (both samples
 * constant on the same value) or a single category give statistic 0 and p-value 1.
 *
 * Complexity: O(1).
 *
 * @throws InvalidStatsInputError when the arrays do not hold one or two counts each, or are
 * invalid as counts.
 * @example
 * zTest([50, 50], [50, 50]); // { statistic: 0, pValue: 1 }
 * zTest([60, 40], [40, 60]); // { statistic: 2.8284271247461894, pValue: 0.004677734981047275 }
 */
export function zTest(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): TestResult {
  const totals = validateCounts("zTest", refCounts, curCounts);
  if (refCounts.length > 2) {
    throw new InvalidStatsInputError("zTest", `requires a binary feature (2 counts each), got ${refCounts.length} categories`);
  }
  if (refCounts.length < 2) return { statistic: 0, pValue: 1 };
  const pRef = refCounts[1] / totals.ref;
  const pCur = curCounts[1] / totals.cur;
  const pooled = (refCounts[1] + curCounts[1]) / (totals.ref + totals.cur);
  const variance = pooled * (1 - pooled) * (1 / totals.ref + 1 / totals.cur);
  if (pRef === pCur || !(variance > 0)) return { statistic: 0, pValue: 1 };
  const z = Math.abs((pRef - pCur) / Math.sqrt(variance));
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(z)) };
}
