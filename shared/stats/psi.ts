import { pairwiseSum } from "./pairwiseSum.ts";
import { validateCounts } from "./validateCounts.ts";

/** Proportions of 0 are replaced by this before taking logarithms (DESIGN §5, psi and kl). */
export const EMPTY_BIN_PROPORTION = 0.0001;

/**
 * Population Stability Index between reference and current counts over the same bins:
 * PSI = Σ (c_i − r_i)·ln(c_i / r_i), with r and c the proportions of each bin.
 *
 * The credit-scoring industry's drift score: a symmetric form of KL divergence that weights each
 * bin's shift by how much mass moved; < 0.1 is usually read as stable, > 0.2 as a significant
 * shift. Empty bins would make the logarithm infinite, so a proportion of 0 is replaced by 0.0001
 * (DESIGN §5) without renormalising, as evidently does. Sum in NumPy's pairwise order.
 *
 * Complexity: O(k) for k bins.
 *
 * @throws InvalidStatsInputError "psi requires at least one bin", for arrays of different
 * lengths, negative or non-finite counts, or an empty reference or current distribution.
 * @example
 * psi([50, 50], [50, 50]); // 0
 * psi([60, 40], [40, 60]); // 0.1621860432432657
 */
export function psi(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  const totals = validateCounts("psi", refCounts, curCounts);
  const terms = new Float64Array(refCounts.length);
  for (let i = 0; i < terms.length; i++) {
    const r = refCounts[i] / totals.ref || EMPTY_BIN_PROPORTION;
    const c = curCounts[i] / totals.cur || EMPTY_BIN_PROPORTION;
    terms[i] = (c - r) * Math.log(c / r);
  }
  return pairwiseSum(terms);
}
