/**
 * The statistics of Vigil's drift detection (DESIGN §5), pure functions over weighted samples and
 * count vectors, each agreeing with the scipy/NumPy function its doc comment names. The drift
 * registry (`shared/drift/`) picks among the tests and distances; the helpers are exported for
 * profiles (bins, quantiles) and for tests.
 *
 * @example
 * import { ks, psi, binEdges, histogram, toWeightedSample } from "../stats/index.ts";
 * const ref = toWeightedSample([1, 2, 3, 4, 5, 6]);
 * const cur = toWeightedSample([4, 5, 6, 7, 8, 9]);
 * ks(ref, cur).pValue;                        // 0.474025974025974
 * const edges = binEdges(ref, 3);             // [2.666…, 4.333…]
 * psi(histogram(ref, edges), histogram(cur, edges));
 */

// Two-sample tests and distances on weighted samples.
export { ANDERSON_CRITICAL_VALUES, ANDERSON_LOG_P_FIT, andersonKSamp } from "./andersonKSamp.ts";
export { cramerVonMises, CVM_MAX_EXACT_N } from "./cramerVonMises.ts";
export { ks, KS_MAX_EXACT_N } from "./ks.ts";
export { wasserstein } from "./wasserstein.ts";

// Measures over two count vectors (bins or categories).
export { chiSquare } from "./chiSquare.ts";
export { hellinger } from "./hellinger.ts";
export { jensenShannon, MAX_JENSEN_SHANNON } from "./jensenShannon.ts";
export { kl } from "./kl.ts";
export { EMPTY_BIN_PROPORTION, psi } from "./psi.ts";
export { zTest } from "./zTest.ts";

// Samples, bins and quantiles.
export { binEdges, DEFAULT_BIN_COUNT } from "./binEdges.ts";
export { histogram } from "./histogram.ts";
export { quantileWeighted, quantilesWeighted } from "./quantileWeighted.ts";
export { toWeightedSample } from "./toWeightedSample.ts";
export { averageRanks } from "./averageRanks.ts";
export { pooledEcdfs, type PooledEcdfs } from "./pooledEcdfs.ts";
export { poolSamples } from "./poolSamples.ts";
export { validateSample } from "./validateSample.ts";
export { validateCounts, type CountTotals } from "./validateCounts.ts";

// Distributions and special functions.
export { besselK } from "./besselK.ts";
export { chi2Sf } from "./chi2Sf.ts";
export { cramerVonMisesExactPValue } from "./cramerVonMisesExactPValue.ts";
export { cramerVonMisesInfCdf } from "./cramerVonMisesInfCdf.ts";
export { erf, erfc } from "./erfc.ts";
export { gamma } from "./gamma.ts";
export { kolmogorovDurbin } from "./kolmogorovDurbin.ts";
export { kolmogorovPelzGood } from "./kolmogorovPelzGood.ts";
export { kolmogorovPomeranz } from "./kolmogorovPomeranz.ts";
export { ksExactPValue, roundHalfEven, type ExactKsAttempt } from "./ksExactPValue.ts";
export { kstwoSf } from "./kstwoSf.ts";
export { lgamma } from "./lgamma.ts";
export { normalSf } from "./normalSf.ts";
export { pairwiseSum } from "./pairwiseSum.ts";
export { regularizedGammaP, regularizedGammaQ } from "./regularizedGamma.ts";
export { relEntr } from "./relEntr.ts";
export { smirnovLogSum } from "./smirnovLogSum.ts";
export { smirnovSf } from "./smirnovSf.ts";

// Types and errors.
export { InvalidStatsInputError, StatsError } from "./errors.ts";
export type { ChiSquareResult, PooledSamples, TestResult } from "./types.ts";
