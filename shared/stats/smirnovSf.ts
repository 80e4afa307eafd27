import {
  type DD, dd, ddAdd, ddDiv, ddFloor, ddFrexp, ddLdexp, ddMul, ddMulNumber, ddSub,
} from "./doubleDouble.ts";
import { smirnovLogSum } from "./smirnovLogSum.ts";

/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic, P(D⁺_n ≥ x) =
 * `scipy.special.smirnov(n, x)`, ported from xsf's `kolmogorov.h`. The two-sided distribution
 * (`kstwoSf`) is 2·smirnov(n, x) for large deviations, which is where drifted features land.
 *
 * The Birnbaum–Tingey sum Σ_v C(n, v)·x·(x + v/n)^(v−1)·(1 − x − v/n)^(n−v) is evaluated in
 * double-double arithmetic, binomials kept as mantissa and exponent, stopping when the remaining
 * terms cannot change the sum — van Mulbregt's method, as in scipy. The terms peak near v = n/2
 * and spread over most of the range, so for long sums (more than 2000 terms) the same sum is
 * taken in log space by `smirnovLogSum`, ~50 times faster and within ~1e-12 relative.
 *
 * Complexity: O(n) terms at worst: O(log n) each up to 2000 terms, O(1) each above.
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * smirnovSf(5, 0.5);     // 0.056
 * smirnovSf(1000, 0.05); // 0.006506037390545166
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nxD = ddMulNumber(dd(x), n);
  let alpha = ddSub(nxD, ddFloor(nxD)).hi;
  let nxfl = Math.trunc(ddFloor(nxD).hi);
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) return clamp(1 - x * powD(ddAdd(dd(1), dd(x)), n - 1).hi);
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return clamp(powD(ddAdd(dd(1), dd(-x)), n).hi);
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clamp(logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp));
  }
  const nUpperTerms = n - n1mxceil + 1;
  const upper = (nUpperTerms <= 1 && x < 0.5) || (n >= 10 && nUpperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  const start = upper ? n : 0;
  const step = upper ? -1 : 1;
  const nTerms = upper ? nUpperTerms : n1mxfl + 1;
  if (!upper && nTerms > DOUBLE_DOUBLE_MAX_TERMS) return clamp(smirnovLogSum(n, x, nTerms));
  let aj = upper ? powD(ddAdd(dd(1), dd(x)), n - 1) : ddDiv(powD(ddAdd(dd(1), dd(-x)), n), dd(x));
  let sum = aj;
  let binom = updateBinomial({ m: dd(1), e: 0 }, n, 0);
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    aj = termAv(n, x, v, binom);
    const nonZero = aj.hi !== 0 || aj.lo !== 0;
    if (Number.isFinite(aj.hi) && nonZero) sum = ddAdd(sum, aj);
    if (nonZero) {
      if (4 * (nTerms - j) * Math.abs(aj.hi) < EPS * sum.hi && j !== nTerms - 1) break;
    } else if (j > Math.floor(n / 2)) break;
    binom = updateBinomial(binom, n, j);
  }
  const prob = ddMulNumber(sum, x).hi;
  return clamp(step < 0 ? 1 - prob : prob);
}

/** A value kept as mantissa (double-double) times 2^e, so binomials and powers cannot overflow. */
interface Scaled {
  m: DD;
  e: number;
}

const EPS = 2.220446049250313e-16;
const MINLOG = -7.451332191019412076235e2;
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
/** Longer lower sums go through `smirnovLogSum` (O(1) per term instead of O(log n)). */
const DOUBLE_DOUBLE_MAX_TERMS = 2000;
const MAX_EXPONENT = 960;

const clamp = (p: number): number => Math.min(1, Math.max(0, p));

/** C(n, v)·(1 − x − v/n)^(n−v)·(x + v/n)^(v−1), with C(n, v) passed scaled. */
function termAv(n: number, x: number, v: number, binom: Scaled): DD {
  const t2 = powScaled(ddSub(ddDiv(dd(n - v), dd(n)), dd(x)), n - v);
  const t1 = powScaled(ddAdd(ddDiv(dd(v), dd(n)), dd(x)), v - 1);
  const ans = ddMul(ddMul(t1.m, t2.m), binom.m);
  return ddLdexp(ans, binom.e + t1.e + t2.e);
}

/** C(n, j+1) from C(n, j): multiply by (n − j)/(j + 1) and renormalise. */
function updateBinomial(c: Scaled, n: number, j: number): Scaled {
  const { m, e } = ddFrexp(ddMul(c.m, ddDiv(dd(n - j), dd(j + 1))));
  return { m, e: c.e + e };
}

/** a^m for a double-double a: pow of the high part, corrected for the low part. */
function powD(a: DD, m: number): DD {
  if (m <= 0) return m === 0 ? dd(1) : ddDiv(dd(1), powD(a, -m));
  if (a.hi === 0 && a.lo === 0) return dd(0);
  const ans = Math.pow(a.hi, m);
  const r = a.lo / a.hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) adj += (m * r) * (((m - 1) / 2) * r);
    else adj = Math.expm1(m * Math.log1p(r));
  }
  return ddAdd(dd(ans), dd(ans * adj));
}

/** a^m as mantissa and exponent, splitting the power when it would leave the double range. */
function powScaled(a: DD, m: number): Scaled {
  if (m <= 0) {
    if (m === 0) return { m: dd(1), e: 0 };
    const inv = powScaled(a, -m);
    const r = ddFrexp(ddDiv(dd(1), inv.m));
    return { m: r.m, e: -inv.e + r.e };
  }
  const { m: y, e: yE } = ddFrexp(a);
  if (m === 1) return { m: y, e: yE };
  let maxExpt = MAX_EXPONENT;
  if ((m * (y.hi - 1)) / y.hi < -MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(y.hi) / Math.LN2;
    if (m * lg2y <= -MAX_EXPONENT) maxExpt = Math.trunc(nextPowerOf2(-MAX_EXPONENT / lg2y + 1) / 2);
  }
  if (m <= maxExpt) {
    const r = ddFrexp(powD(y, m));
    return { m: r.m, e: r.e + m * yE };
  }
  const q = Math.trunc(m / maxExpt);
  const y2r = powScaled(y, m % maxExpt);
  const y2m = powScaled(y, maxExpt);
  const y2mq = powScaled(y2m.m, q);
  const r = ddFrexp(ddMul(y2r.m, y2mq.m));
  return { m: r.m, e: r.e + y2mq.e + y2m.e * q + y2r.e + m * yE };
}

function nextPowerOf2(x: number): number {
  const q = x * 2 ** (1 - 53);
  let l = Math.abs(q + x);
  if (l === 0) l = Math.abs(x);
  else if (Math.trunc(l) === l) l = Math.trunc(l);
  return l;
}

