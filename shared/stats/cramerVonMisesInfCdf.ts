import { besselK } from "./besselK.ts";
import { lgamma } from "./lgamma.ts";

/**
 * CDF of the limiting (n → ∞) distribution of the Cramér–von Mises statistic, scipy's
 * `_cdf_cvm_inf` (Csörgő & Faraway 1996, eq. 1.2–1.3):
 * V(x) = Σ_k Γ(k + ½)/(k!·π^1.5·√x)·√(4k + 1)·e^(−q_k)·K_¼(q_k), q_k = (4k + 1)²/(16x),
 * adding terms until one is below 1e-7 in absolute value — scipy's stopping rule, kept so that
 * the truncation matches too. `cramerVonMises` takes its p-value from it for larger samples.
 * scipy notes it is not accurate for x > 4 (CDF within ~1e-7 of 1 there).
 *
 * Complexity: O(1/√x + 1) terms, each a Bessel evaluation.
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * cramerVonMisesInfCdf(0.461); // 0.9498928727982431: 0.461 is the classical 5% critical value
 */
export function cramerVonMisesInfCdf(x: number): number {
  if (!(x > 0)) return 0;
  let total = 0;
  for (let k = 0; ; k++) {
    const u = Math.exp(lgamma(k + 0.5) - lgamma(k + 1)) / (PI_1_5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const z = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
    total += z;
    if (!(Math.abs(z) >= STOP_TERM) || k >= MAX_TERMS) return total;
  }
}

const PI_1_5 = Math.PI ** 1.5;
/** scipy stops once a term falls below this. */
const STOP_TERM = 1e-7;
/** A guard only: terms fall below 1e-7 within a few dozen steps for any x ≤ 1e3. */
const MAX_TERMS = 100_000;
