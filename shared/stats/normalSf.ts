import { erf, erfc } from "./erfc.ts";

/**
 * Survival function of the standard normal distribution, P(Z > x) = `scipy.stats.norm.sf(x)`.
 *
 * scipy computes it as ndtr(−x) (Cephes): 0.5 + 0.5·erf(x/√2) near the centre and 0.5·erfc(|x|/√2)
 * in the tails, so the tail keeps ~1e-14 relative accuracy until doubles underflow (x ≈ 38.5),
 * where 1 − Φ(x) would have cancelled to 0 already at x ≈ 8.3.
 *
 * Complexity: O(1).
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * normalSf(0);    // 0.5
 * normalSf(1.96); // 0.024997895148220435
 * normalSf(30);   // 4.906713927147908e-198
 */
export function normalSf(x: number): number {
  const a = -x;
  if (Number.isNaN(a)) return NaN;
  const t = a * Math.SQRT1_2;
  const z = Math.abs(t);
  if (z < 1) return 0.5 + 0.5 * erf(t);
  const y = 0.5 * erfc(z);
  return t > 0 ? 1 - y : y;
}
