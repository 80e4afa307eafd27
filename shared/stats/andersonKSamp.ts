import type { WeightedSample } from "../types.ts";
import { InvalidStatsInputError } from "./errors.ts";
import { pairwiseSum } from "./pairwiseSum.ts";
import { poolSamples } from "./poolSamples.ts";
import type { TestResult } from "./types.ts";
import { validateSample } from "./validateSample.ts";

/**
 * Anderson–Darling k-sample test for two samples, as `scipy.stats.anderson_ksamp([ref, cur],
 * midrank=True)` (Scholz & Stephens 1987) with the samples expanded from their weights.
 *
 * A²_akN (eq. 7, mid-ranks for ties) weighs ECDF differences by 1/(F(1 − F)), so it is more
 * sensitive in the tails than KS or Cramér–von Mises. The reported statistic is standardised,
 * (A²_akN − 1)/σ_N, and the p-value is scipy's: log(significance) interpolated by a quadratic
 * fit through Scholz & Stephens' critical values, floored at 0.001 and capped at 0.25 (beyond
 * the table scipy only knows it is smaller or larger). Sums follow NumPy's pairwise order.
 *
 * Complexity: O(k + N) time: k pooled distinct values, N = n1 + n2 for σ_N's harmonic sums.
 *
 * @throws InvalidStatsInputError when the pooled sample has fewer than two distinct values, fewer
 * than four observations, or a sample is invalid.
 * @example
 * andersonKSamp(toWeightedSample([1, 2, 3, 4, 5]), toWeightedSample([6, 7, 8, 9, 10]));
 * // { statistic: 4.726015467264128, pValue: 0.004355977966506477 }
 */
export function andersonKSamp(ref: WeightedSample, cur: WeightedSample): TestResult {
  // The statistic uses the weights as they are; σ_N's harmonic sums need whole sample sizes.
  const n1 = validateSample("andersonKSamp", "reference", ref);
  const n2 = validateSample("andersonKSamp", "current", cur);
  const pooled = poolSamples(ref, cur);
  const kz = pooled.values.length;
  if (kz < 2) throw new InvalidStatsInputError("andersonKSamp", "requires more than one distinct observation");
  const N = n1 + n2;
  if (Math.round(n1) + Math.round(n2) < 4) throw new InvalidStatsInputError("andersonKSamp", "requires at least four observations");
  const innerA = new Float64Array(kz);
  const innerB = new Float64Array(kz);
  let below = 0;
  let cumA = 0;
  let cumB = 0;
  for (let i = 0; i < kz; i++) {
    const wa = pooled.weightsA[i];
    const wb = pooled.weightsB[i];
    const lj = wa + wb;
    const Bj = below + lj / 2;
    cumA += wa;
    cumB += wb;
    const denom = Bj * (N - Bj) - (N * lj) / 4;
    const mA = cumA - wa / 2;
    const mB = cumB - wb / 2;
    innerA[i] = ((lj / N) * (N * mA - Bj * n1) ** 2) / denom;
    innerB[i] = ((lj / N) * (N * mB - Bj * n2) ** 2) / denom;
    below += lj;
  }
  const a2kN = (pairwiseSum(innerA) / n1 + pairwiseSum(innerB) / n2) * ((N - 1) / N);
  const A2 = (a2kN - 1) / Math.sqrt(varianceA2(Math.round(n1), Math.round(n2)));
  let p: number;
  if (A2 < ANDERSON_CRITICAL_VALUES[0]) p = SIGNIFICANCE_CAP;
  else if (A2 > ANDERSON_CRITICAL_VALUES[ANDERSON_CRITICAL_VALUES.length - 1]) p = SIGNIFICANCE_FLOOR;
  else p = Math.exp((ANDERSON_LOG_P_FIT[0] * A2 + ANDERSON_LOG_P_FIT[1]) * A2 + ANDERSON_LOG_P_FIT[2]);
  return { statistic: A2, pValue: p };
}

/** σ²_N of A²_akN under the null for k = 2 samples (Scholz & Stephens, eq. 4). */
function varianceA2(n1: number, n2: number): number {
  const N = n1 + n2;
  const k = 2;
  const H = 1 / n1 + 1 / n2;
  // hs_cs = cumsum(1 / arange(N − 1, 1, −1)): h = hs_cs[−1] + 1, g = Σ hs_cs / arange(2, N).
  const hsCs = new Float64Array(N - 2);
  let acc = 0;
  for (let i = 0; i < N - 2; i++) hsCs[i] = acc += 1 / (N - 1 - i);
  const h = hsCs[N - 3] + 1;
  const ratios = new Float64Array(N - 2);
  for (let i = 0; i < N - 2; i++) ratios[i] = hsCs[i] / (i + 2);
  const g = pairwiseSum(ratios);
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  return (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
}

/**
 * Scholz & Stephens' critical values of the standardised statistic for k − 1 = 1
 * (b0 + b1/√1 + b2/1), at significance 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001.
 */
export const ANDERSON_CRITICAL_VALUES = [0.32500000000000007, 1.226, 1.9609999999999999, 2.718, 3.752, 4.592, 6.546];
const SIGNIFICANCE_CAP = 0.25;
const SIGNIFICANCE_FLOOR = 0.001;
/**
 * `np.polyfit(CRITICAL, log([0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]), 2)` as NumPy 2.4 computes
 * it (highest power first); the oracle fixture re-derives it, and a test checks the two agree.
 */
export const ANDERSON_LOG_P_FIT = [0.018198094574111343, -1.0082265644652515, -1.077770279820486];
