/**
 * Result shapes shared by the hypothesis tests of `shared/stats`.
 *
 * Distances (wasserstein, psi, jensenShannon, kl, hellinger) return a plain number; tests return
 * their statistic together with a p-value, which the drift layer compares with a threshold.
 *
 * @example
 * const r: TestResult = ks(ref, cur);
 * r.pValue < 0.05; // drift
 */

/** A two-sample test's statistic and its p-value in [0, 1]. */
export interface TestResult {
  statistic: number;
  pValue: number;
}

/** Pearson's chi-square test of a 2×k table, with its degrees of freedom (k − 1). */
export interface ChiSquareResult extends TestResult {
  dof: number;
}

/**
 * Two weighted samples merged over the union of their distinct values: `values` is strictly
 * increasing and `weightsA[i]` / `weightsB[i]` are the weights each sample puts on `values[i]`
 * (0 where a sample lacks that value). Built by `poolSamples`.
 */
export interface PooledSamples {
  values: Float64Array;
  weightsA: Float64Array;
  weightsB: Float64Array;
  totalA: number;
  totalB: number;
}
