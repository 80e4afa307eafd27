import { polevl } from "./polevl.ts";

/**
 * The gamma function Γ(x) for x > 0, ported from Cephes `Gamma` (scipy's `scipy.special.gamma`):
 * arguments up to 33 are reduced by recurrence to [2, 3], where a rational approximation of
 * degree 6/7 holds (peak relative error 9.4e-16); larger ones use Stirling's formula.
 * Needed for the Temme series of the Bessel function K_ν in the Cramér–von Mises distribution.
 *
 * Complexity: O(x) recurrence steps for x ≤ 33, O(1) above.
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * gamma(5);    // 24
 * gamma(0.75); // 1.2254167024651774
 */
export function gamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return NaN;
  if (x === Infinity) return Infinity;
  if (x > 33) return stirling(x);
  let z = 1;
  while (x >= 3) {
    x -= 1;
    z *= x;
  }
  while (x < 2) {
    if (x < 1e-9) return z / ((1 + EULER * x) * x);
    z /= x;
    x += 1;
  }
  if (x === 2) return z;
  x -= 2;
  return (z * polevl(x, GAMMA_P, 6)) / polevl(x, GAMMA_Q, 7);
}

function stirling(x: number): number {
  if (x >= MAXGAM) return Infinity;
  let w = 1 / x;
  w = 1 + w * polevl(w, STIR, 4);
  let y = Math.exp(x);
  if (x > MAXSTIR) {
    const v = Math.pow(x, 0.5 * x - 0.25);
    y = v * (v / y);
  } else {
    y = Math.pow(x, x - 0.5) / y;
  }
  return SQRT2PI * y * w;
}

const EULER = 0.5772156649015329;
const MAXGAM = 171.624376956302725;
const MAXSTIR = 143.01608;
const SQRT2PI = 2.506628274631000502415765284811045253007;
const GAMMA_P = [
  1.60119522476751861407e-4, 1.19135147006586384913e-3, 1.04213797561761569935e-2, 4.76367800457137231464e-2,
  2.0744822764843597515e-1, 4.94214826801497100753e-1, 9.99999999999999996796e-1,
];
const GAMMA_Q = [
  -2.31581873324120129819e-5, 5.39605580493303397842e-4, -4.45641913851797240494e-3, 1.18139785222060435552e-2,
  3.58236398605498653373e-2, -2.34591795718243348568e-1, 7.14304917030273074085e-2, 1.0000000000000000032e0,
];
const STIR = [
  7.87311395793093628397e-4, -2.2954996161337812638e-4, -2.68132617805781232825e-3, 3.4722222160545866731e-3,
  8.33333333333482257126e-2,
];
