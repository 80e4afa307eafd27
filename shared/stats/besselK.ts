import { gamma } from "./gamma.ts";

/**
 * Modified Bessel function of the second kind K_ν(x) for 0 < |ν| ≤ 1/2 and x > 0, the
 * `scipy.special.kv(0.25, q)` that the Cramér–von Mises limiting distribution sums.
 *
 * scipy calls AMOS; we use Temme's method as in Numerical Recipes' `bessik`, which is accurate to
 * a few ulps for this range of orders: Temme's series for x < 2 and Steed's continued fraction
 * (CF2) for x ≥ 2. The gamma-function coefficients of the series are computed from Γ(1 ± ν)
 * directly, which is exact enough away from ν = 0 (the only order used here is 1/4).
 *
 * Complexity: O(x + 1) series terms for x < 2, O(1/x + 1)·const fraction terms above.
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * besselK(0.25, 1); // 0.4307397744485863
 * besselK(0.5, 2);  // 0.11993777196806145 = √(π/4)·e^(−2)
 */
export function besselK(nu: number, x: number): number {
  if (!(Math.abs(nu) > 0 && Math.abs(nu) <= 0.5) || !(x > 0)) return NaN;
  if (x === Infinity) return 0;
  const mu = nu;
  const mu2 = mu * mu;
  if (x < XMIN) {
    const x2 = 0.5 * x;
    const pimu = Math.PI * mu;
    const fact = pimu / Math.sin(pimu);
    const d = -Math.log(x2);
    let e = mu * d;
    const fact2 = Math.abs(e) < EPS ? 1 : Math.sinh(e) / e;
    const gampl = 1 / gamma(1 + mu); // 1/Γ(1+μ)
    const gammi = 1 / gamma(1 - mu); // 1/Γ(1−μ)
    const gam1 = (gammi - gampl) / (2 * mu);
    const gam2 = (gammi + gampl) / 2;
    let ff = fact * (gam1 * Math.cosh(e) + gam2 * fact2 * d);
    let sum = ff;
    e = Math.exp(e);
    let p = (0.5 * e) / gampl;
    let q = 0.5 / (e * gammi);
    let c = 1;
    const dd = x2 * x2;
    for (let i = 1; i <= MAXIT; i++) {
      ff = (i * ff + p + q) / (i * i - mu2);
      c *= dd / i;
      p /= i - mu;
      q /= i + mu;
      const del = c * ff;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum;
  }
  let b = 2 * (1 + x);
  let d = 1 / b;
  let h = d;
  let delh = d;
  let q1 = 0;
  let q2 = 1;
  const a1 = 0.25 - mu2;
  let q = a1;
  let c = a1;
  let a = -a1;
  let s = 1 + q * delh;
  for (let i = 2; i <= MAXIT; i++) {
    a -= 2 * (i - 1);
    c = (-a * c) / i;
    const qnew = (q1 - b * q2) / a;
    q1 = q2;
    q2 = qnew;
    q += c * qnew;
    b += 2;
    d = 1 / (b + a * d);
    delh = (b * d - 1) * delh;
    h += delh;
    const dels = q * delh;
    s += dels;
    if (Math.abs(dels / s) < EPS) break;
  }
  return (Math.sqrt(Math.PI / (2 * x)) * Math.exp(-x)) / s;
}

const EPS = 2.220446049250313e-16;
const MAXIT = 10000;
/** Below this argument Temme's series converges faster than the continued fraction. */
const XMIN = 2;
