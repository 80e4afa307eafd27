/** The outcome of scipy's attempt at an exact two-sample KS p-value. */
export interface ExactKsAttempt {
  /** False when the computation left [0, 1] (round-off), so scipy falls back to the asymptotic. */
  success: boolean;
  /** D rounded to the lattice: h / lcm(n1, n2), the statistic scipy reports in exact mode. */
  d: number;
  pValue: number;
}

/**
 * Exact two-sided p-value of the two-sample Kolmogorov–Smirnov test, P(D_{n1,n2} ≥ d), as
 * scipy's `_attempt_exact_2kssamp` computes it for `ks_2samp(method="auto")` when
 * max(n1, n2) ≤ 10000.
 *
 * D is first snapped to the lattice of attainable values, h = round(d·lcm) (NumPy rounds half to
 * even). Equal sizes use the closed form of the paths leaving the band |x − y| < h, summed by a
 * Horner-like scheme; unequal sizes count lattice paths inside the band column by column with
 * Viehmann's recursion for 1 − p (scipy's `_compute_outer_prob_inside_method`, compiled there with
 * Pythran). A result outside [0, 1] is reported as a failure: the equal-size formula rounds to
 * 1 + ε for h = 1, where scipy then uses the asymptotic distribution, and so does `ks`.
 *
 * Two deliberate departures keep n1, n2 ≤ 10000 well under 100 ms (scipy takes up to a second):
 * the band recursion is rearranged (agreement ~1e-12 relative), and a D so large that the
 * p-value is below 1e-20 reports 0 (scipy's value is then below 1e-20, often 0 or subnormal too).
 *
 * Complexity: O(n) for n1 = n2; O(max(n1, n2)·band) otherwise, band ≈ 2·min(d, 0.08)·min(n1, n2)
 * for large samples.
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * ksExactPValue(5, 5, 0.6);  // { success: true, d: 0.6, pValue: 0.35714285714285715 }
 * ksExactPValue(3, 4, 0.75); // { success: true, d: 0.75, pValue: 0.22857142857142856 } (= 16/70)
 */
export function ksExactPValue(n1: number, n2: number, d: number): ExactKsAttempt {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dd = h / lcm;
  if (h === 0) return { success: true, d: dd, pValue: 1 };
  if (n1 === n2) {
    const p = probOutsideSquare(n1, h);
    return { success: p >= 0 && p <= 1, d: dd, pValue: p };
  }
  // The band count costs O(d·n1·n2). Far in the tail, first count at the smaller D where the
  // limiting distribution puts p ≈ 1e-25: p is non-increasing in D, so if that p is already
  // negligible the answer is 0 to within NEGLIGIBLE_P, found at a fraction of the cost.
  const en = (n1 * n2) / (n1 + n2);
  const dCut = Math.sqrt(Math.log(2 / CUT_ASYMPTOTIC_P) / (2 * en));
  if (n1 * n2 > SHORTCUT_MIN_CELLS && dd > dCut) {
    const pCut = outerProbInside(n1, n2, g, Math.ceil(dCut * lcm));
    if (pCut >= 0 && pCut < NEGLIGIBLE_P) return { success: true, d: dd, pValue: 0 };
  }
  const p = outerProbInside(n1, n2, g, h);
  return { success: p >= 0 && p <= 1, d: dd, pValue: p };
}

/** Below this many lattice cells (n1·n2) the exact count is always cheap. */
const SHORTCUT_MIN_CELLS = 1_000_000;
/** The limiting-distribution p-value at which the tail shortcut probes. */
const CUT_ASYMPTOTIC_P = 1e-25;
/** p-values known to be below this are reported as 0. */
const NEGLIGIBLE_P = 1e-20;

/** NumPy's `np.round`: to the nearest integer, halves to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** P(D_{n,n} ≥ h/n) = 2·A0·(1 − A1·(1 − A2·(…))), each A_k a product of h ratios. */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/** 1 − (paths staying strictly inside |x/m − y/n| < h/lcm) / C(m + n, n), one column at a time. */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, Math.min(maxj, lenA));
  const inv = new Float64Array(m + n + 1);
  for (let k = 1; k <= m + n; k++) inv[k] = 1 / k;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    // scipy computes (A·i + val·j)/(i + j); splitting it into weights that do not depend on
    // val shortens the loop-carried chain to one multiply-add, ~4× faster, and changes each
    // step by a couple of ulps. Every step is a convex combination of non-negative numbers,
    // so errors stay relative (~(m + n)·ε ≈ 1e-12 at worst) even for tiny p-values. The two
    // weights can sum to 1 + ε, so values are capped at 1, which scipy's form never exceeds.
    for (let jj = 0, j = minj; jj < maxj - minj; jj++, j++) {
      const r = inv[i + j];
      val = Math.min(1, A[jj + shift] * i * r + val * (j * r));
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, curlen, Math.min(curlen + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1];
}
