import { ldexp } from "./doubleDouble.ts";

/**
 * CDF of the two-sided one-sample Kolmogorov–Smirnov statistic, P(D_n ≤ x), by Pomeranz's
 * recursion (1974) — scipy's `_kolmogn_Pomeranz`, which `kstwo` uses for n ≤ 140 and
 * 0.754693 < n·x² ≤ 4.
 *
 * Each of the 2n + 1 rows is the convolution of the previous row with one of three truncated
 * Poisson weight vectors; only a band of ~2⌊n·x⌋ entries is non-zero. Rows are rescaled by 2^128
 * when they underflow, and the answer is n!·V[n] with the scale undone.
 *
 * Complexity: O(n·(n·x)²) time, O(n·x) space.
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * kolmogorovPomeranz(10, 0.3); // 0.7294644252000005
 */
export function kolmogorovPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  const gOverN = g / n, twoGOverN = (2 * g) / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0, V1s = 0, expnt = 0;
  let [j1, j2] = bounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = bounds(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 <= 0) continue;
    const aStart = k1 - V0s;
    const aLen = Math.max(0, Math.min(ln2, npwrs - aStart));
    const bLen = Math.min(ln2, npwrs);
    const convStart = j1 - k1;
    const convLen = j2 - j1 + 1;
    let max = 0;
    for (let c = 0; c < convLen; c++) {
      const idx = convStart + c; // index into the full convolution of length aLen + bLen − 1
      let s = 0;
      for (let a = Math.max(0, idx - bLen + 1); a <= Math.min(idx, aLen - 1); a++) s += V0[aStart + a] * pwrs[idx - a];
      V1[c] = s;
      if (s > max) max = s;
    }
    if (max > 0 && max < EM128) {
      for (let c = 0; c < npwrs; c++) V1[c] *= EP128;
      expnt -= E128;
    }
    V1s = V0s + j1 - k1;
  }
  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return Math.min(1, Math.max(0, ans));
}

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

/** The band [j1, j2] of non-zero entries in row i (scipy's `_pomeranz_compute_j1j2`). */
function bounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
