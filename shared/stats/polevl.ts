/**
 * Polynomial and rational evaluation as Cephes does it (`polevl.h` in scipy's xsf), used by the
 * special functions ported from there. Coefficients run from the highest power down, so the
 * ports keep scipy's coefficient tables as they are written and round the same way.
 *
 * This file holds the three small evaluators together because they are one family and each is a
 * few lines; each is exported for the special functions only.
 *
 * Complexity: O(degree).
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * polevl(2, [1, 0, -1], 2); // 3 = 2² − 1
 * p1evl(2, [0, -1], 2);     // 3: the leading coefficient 1 is implied
 */
export function polevl(x: number, coef: readonly number[], degree: number): number {
  let ans = coef[0];
  for (let i = 1; i <= degree; i++) ans = ans * x + coef[i];
  return ans;
}

/**
 * Like `polevl` with an implied leading coefficient of 1 (`coef` holds `degree` entries).
 *
 * @example
 * p1evl(3, [1], 1); // 4 = 3 + 1
 */
export function p1evl(x: number, coef: readonly number[], degree: number): number {
  let ans = x + coef[0];
  for (let i = 1; i < degree; i++) ans = ans * x + coef[i];
  return ans;
}

/**
 * Cephes `ratevl`: num(x) / den(x) for polynomials of degrees m and n given highest power first;
 * for |x| > 1 both are evaluated in 1/x (from the constant term up) so large arguments do not
 * overflow, and the result is scaled by x^(m − n).
 *
 * @example
 * ratevl(2, [1, 1], 1, [1, 0], 1); // 1.5 = (2 + 1) / 2
 */
export function ratevl(x: number, num: readonly number[], m: number, den: readonly number[], n: number): number {
  const big = Math.abs(x) > 1;
  const y = big ? 1 / x : x;
  let numAns: number;
  let denAns: number;
  if (big) {
    numAns = num[m];
    for (let i = m - 1; i >= 0; i--) numAns = numAns * y + num[i];
    denAns = den[n];
    for (let i = n - 1; i >= 0; i--) denAns = denAns * y + den[i];
    return Math.pow(x, m - n) * numAns / denAns;
  }
  numAns = num[0];
  for (let i = 1; i <= m; i++) numAns = numAns * y + num[i];
  denAns = den[0];
  for (let i = 1; i <= n; i++) denAns = denAns * y + den[i];
  return numAns / denAns;
}
