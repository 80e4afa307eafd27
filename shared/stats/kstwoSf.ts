import { kolmogorovDurbin } from "./kolmogorovDurbin.ts";
import { kolmogorovPelzGood } from "./kolmogorovPelzGood.ts";
import { kolmogorovPomeranz } from "./kolmogorovPomeranz.ts";
import { polevl } from "./polevl.ts";
import { smirnovSf } from "./smirnovSf.ts";

/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic, P(D_n ≥ d) =
 * `scipy.stats.kstwo.sf(d, n)`, ported from scipy's `_kolmogn` (Simard & L'Ecuyer 2011).
 * `ks` uses it as scipy's `ks_2samp` does for large samples: kstwo.sf(D, round(m·n/(m + n))).
 *
 * The method depends on n and n·d² as in scipy: exact Ruben–Gambino formulas at the ends
 * (n·d ≤ 1, n·d ≥ n − 1), 2·smirnov(n, d) for d ≥ 0.5 and for the tail (n·d² ≥ 2.2, or > 4 when
 * n ≤ 140), Durbin's matrix for small n·d², Pomeranz for n ≤ 140 in between, and the
 * Pelz–Good asymptotic series otherwise; 0 once n·d² ≥ 370 (n > 140).
 *
 * Complexity: O(1) to O(k³ log n) (Durbin, k = ⌈n·d⌉ ≤ ~60), O(n) for smirnov's sum at worst.
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * kstwoSf(0.1, 100);   // 0.2526927570063875
 * kstwoSf(0.02, 5000); // 0.03613941395325637
 */
export function kstwoSf(d: number, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(d)) return NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clamp(1 - prob);
  }
  if (t >= n - 1) return clamp(2 * Math.pow(1 - d, n));
  if (d >= 0.5) return clamp(2 * smirnovSf(n, d));
  const nxSquared = t * d;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clamp(1 - kolmogorovDurbin(n, d));
    if (nxSquared <= 4) return clamp(1 - kolmogorovPomeranz(n, d));
    return clamp(2 * smirnovSf(n, d));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clamp(2 * smirnovSf(n, d));
  const cdf = n <= 100_000 && n * d ** 1.5 <= 1.4 ? kolmogorovDurbin(n, d) : kolmogorovPelzGood(n, d);
  return clamp(1 - cdf);
}

const clamp = (p: number): number => Math.min(1, Math.max(0, p));

/** log(n!/n^n) by Stirling's series with n·log n taken out (no cancellation). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * polevl(rn / n, STIRLING_COEFFS, 7);
}

const LOG_2PI = Math.log(2 * Math.PI);
/** B_2j / (2j(2j − 1)) for j = 8 … 1: Stirling's series coefficients, highest first. */
const STIRLING_COEFFS = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];
