import { chi2Sf } from "./chi2Sf.ts";
import { pairwiseSum } from "./pairwiseSum.ts";
import type { ChiSquareResult } from "./types.ts";
import { validateCounts } from "./validateCounts.ts";

/**
 * Pearson's chi-square test of homogeneity between reference and current counts over the same
 * categories: `scipy.stats.chi2_contingency([ref, cur], correction=False)` on the 2×k table.
 *
 * χ² = Σ (O − E)²/E with E = row total × column total / grand total, on k − 1 degrees of freedom;
 * a small p-value says the two samples do not share one categorical distribution. Categories
 * that are empty in both rows are dropped first (scipy would refuse a zero expected count), and
 * a table left with one category is degenerate: statistic 0, p-value 1, dof 0, as scipy reports.
 * The statistic sums the flattened table in NumPy's pairwise order.
 *
 * Complexity: O(k) for k categories, plus the chi-square tail (O(√k) iterations).
 *
 * @throws InvalidStatsInputError "chiSquare requires at least one bin", for arrays of different
 * lengths, negative or non-finite counts, or an empty reference or current row.
 * @example
 * chiSquare([10, 20, 30], [10, 20, 30]); // { statistic: 0, pValue: 1, dof: 2 }
 * chiSquare([30, 10], [10, 30]);         // { statistic: 20, pValue: 7.744216431044088e-6, dof: 1 }
 */
export function chiSquare(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): ChiSquareResult {
  const totals = validateCounts("chiSquare", refCounts, curCounts);
  const ref: number[] = [];
  const cur: number[] = [];
  for (let i = 0; i < refCounts.length; i++) {
    if (refCounts[i] > 0 || curCounts[i] > 0) {
      ref.push(refCounts[i]);
      cur.push(curCounts[i]);
    }
  }
  const k = ref.length;
  if (k < 2) return { statistic: 0, pValue: 1, dof: 0 };
  const grand = totals.ref + totals.cur;
  const terms = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    const column = ref[j] + cur[j];
    terms[j] = squaredDeviation(ref[j], (totals.ref * column) / grand);
    terms[k + j] = squaredDeviation(cur[j], (totals.cur * column) / grand);
  }
  const statistic = pairwiseSum(terms);
  const dof = k - 1;
  return { statistic, pValue: chi2Sf(statistic, dof), dof };
}

function squaredDeviation(observed: number, expected: number): number {
  return (observed - expected) ** 2 / expected;
}
