import { pairwiseSum } from "./pairwiseSum.ts";
import { EMPTY_BIN_PROPORTION } from "./psi.ts";
import { relEntr } from "./relEntr.ts";
import { validateCounts } from "./validateCounts.ts";

/**
 * Kullback–Leibler divergence of the current distribution from the reference, KL(cur ‖ ref) =
 * Σ c_i·ln(c_i / r_i), as DESIGN §5 defines it: proportions of 0 are replaced by 0.0001, then
 * `scipy.stats.entropy(c, r)` renormalises both vectors to sum to 1 and sums `rel_entr`.
 *
 * The information lost when the reference is used to describe current data: 0 for identical
 * distributions, unbounded above, asymmetric. The 0.0001 floor keeps it finite when the current
 * data lands in bins the reference never filled. Sums follow NumPy's pairwise order.
 *
 * Complexity: O(k) for k bins.
 *
 * @throws InvalidStatsInputError "kl requires at least one bin", for arrays of different lengths,
 * negative or non-finite counts, or an empty reference or current distribution.
 * @example
 * kl([1, 1], [1, 1]); // 0
 * kl([3, 1], [1, 3]); // 0.5493061443340548 = ln 3 / 2
 */
export function kl(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  const totals = validateCounts("kl", refCounts, curCounts);
  const k = refCounts.length;
  const p = new Float64Array(k);
  const q = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    p[i] = curCounts[i] / totals.cur || EMPTY_BIN_PROPORTION;
    q[i] = refCounts[i] / totals.ref || EMPTY_BIN_PROPORTION;
  }
  const sumP = pairwiseSum(p);
  const sumQ = pairwiseSum(q);
  const terms = new Float64Array(k);
  for (let i = 0; i < k; i++) terms[i] = relEntr(p[i] / sumP, q[i] / sumQ);
  return pairwiseSum(terms);
}
