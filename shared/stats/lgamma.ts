import { p1evl, polevl } from "./polevl.ts";

/**
 * Natural logarithm of the gamma function, log Γ(x) for x > 0, ported from Cephes `lgam`
 * (scipy's `scipy.special.gammaln`): below 13 a recurrence to [2, 3] and a rational
 * approximation; above, Stirling's series (peak error 5.4e-16 absolute below 3, 3.5e-16 relative
 * above). The regularized incomplete gamma needs it for the prefactor x^a·e^(−x)/Γ(a).
 *
 * Complexity: O(1) (at most 11 recurrence steps).
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * lgamma(1);   // 0
 * lgamma(0.5); // 0.5723649429247 = log √π
 * lgamma(100); // 359.1342053695754
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 13) {
    let z = 1;
    let p = 0;
    let u = x;
    while (u >= 3) {
      p -= 1;
      u = x + p;
      z *= u;
    }
    while (u < 2) {
      if (u === 0) return Infinity;
      z /= u;
      p += 1;
      u = x + p;
    }
    if (u === 2) return Math.log(z);
    p -= 2;
    const xr = x + p;
    return Math.log(z) + (xr * polevl(xr, LGAM_B, 5)) / p1evl(xr, LGAM_C, 6);
  }
  if (x > MAXLGM) return Infinity;
  const q = (x - 0.5) * Math.log(x) - x + LS2PI;
  if (x >= 1000) {
    if (x > 1e8) return q;
    const p = 1 / (x * x);
    return q + ((7.9365079365079365079365e-4 * p - 2.7777777777777777777778e-3) * p + 0.0833333333333333333333) / x;
  }
  const p = 1 / (x * x);
  return q + polevl(p, LGAM_A, 4) / x;
}

/** log √(2π). */
const LS2PI = 0.91893853320467274178;
const MAXLGM = 2.556348e305;
const LGAM_A = [
  8.1161416747050845030e-4, -5.95061904284301438324e-4, 7.93650340457716943945e-4, -2.77777777730099687205e-3,
  8.33333333333331927722e-2,
];
const LGAM_B = [
  -1.378251525691208591e3, -3.88016315134637840924e4, -3.31612992738871184744e5, -1.16237097492762307383e6,
  -1.72173700820839662146e6, -8.53555664245765465627e5,
];
const LGAM_C = [
  -3.51815701436523470549e2, -1.70642106651881159223e4, -2.20528590553854454839e5, -1.13933444367982507207e6,
  -2.53252307177582951285e6, -2.01889141433532773231e6,
];
