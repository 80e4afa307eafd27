import { lgamma } from "./lgamma.ts";

/**
 * The lower Birnbaum–Tingey sum of the one-sided Smirnov distribution for long sums:
 * x·Σ_{v=0}^{nTerms−1} C(n, v)·(x + v/n)^(v−1)·(1 − x − v/n)^(n−v) = P(D⁺_n ≥ x), for
 * 0 < n·x < n − 1. `smirnovSf` hands it sums of more than 2000 terms.
 *
 * scipy evaluates each term in double-double arithmetic; here each term's logarithm is written
 * so that the parts of size n cancel analytically instead of numerically:
 * log A_v = v·log1p(nx/v) + (n−v)·log1p(−nx/(n−v)) − log(x + v/n) + ½·log(n / (2π·v·(n−v)))
 *           + c(n) − c(v) − c(n−v),
 * with c(k) = log k! − (k·log k − k + ½·log 2πk) the Stirling remainder. The error of each
 * logarithm is then ~ε·n·x rather than ε·n·log n, i.e. ~1e-12 relative for n·x up to 10⁴, and
 * the terms are added with a running log-sum-exp so that none underflows before the end.
 *
 * Complexity: O(nTerms) time, O(1) space.
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * smirnovLogSum(10000, 0.02, 9800); // 0.0003308424319693652; smirnov(10000, 0.02) = 0.00033084243196936547
 */
export function smirnovLogSum(n: number, x: number, nTerms: number): number {
  const nx = n * x;
  const cn = stirlingRemainder(n);
  let max = n * Math.log1p(-x) - Math.log(x); // v = 0: (1 − x)^n / x
  let scaled = 1; // Σ exp(log A_v − max)
  for (let v = 1; v < nTerms; v++) {
    const rest = n - v;
    const la =
      v * Math.log1p(nx / v) +
      rest * Math.log1p(-nx / rest) -
      Math.log(x + v / n) +
      0.5 * Math.log(n / (TWO_PI * v * rest)) +
      cn - stirlingRemainder(v) - stirlingRemainder(rest);
    if (la > max) {
      scaled = scaled * Math.exp(max - la) + 1;
      max = la;
    } else {
      scaled += Math.exp(la - max);
    }
  }
  return Math.exp(Math.log(x) + max + Math.log(scaled));
}

const TWO_PI = 2 * Math.PI;
const HALF_LOG_TWO_PI = 0.5 * Math.log(TWO_PI);
/** From here on four terms of Stirling's series give c(k) to better than 1e-16. */
const SERIES_MIN_K = 20;

/** c(k) = log k! − (k·log k − k + ½·log 2πk), k ≥ 1. */
function stirlingRemainder(k: number): number {
  if (k < SERIES_MIN_K) return lgamma(k + 1) - (k * Math.log(k) - k + HALF_LOG_TWO_PI + 0.5 * Math.log(k));
  const r = 1 / k;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}
