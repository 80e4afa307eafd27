/**
 * Exact p-value of the two-sample Cramér–von Mises test, P(U ≥ u), for sample sizes m and n,
 * as scipy's `_pval_cvm_2samp_exact` (Xiao, Gordon & Yakovlev 2006, after Anderson 1962), which
 * `cramervonmises_2samp(method="auto")` uses while both samples hold at most 20 observations.
 *
 * U = m·Σ(r_i − i)² + n·Σ(s_j − j)² is mapped to the integer ζ of the lattice-path formulation;
 * frequency tables g[v] of the partial sums Σ(a·v − b·u)² over monotone paths, with
 * a = lcm/m and b = lcm/n, are built column by column, and the p-value is the share of the
 * C(m + n, m) paths whose sum reaches ζ. Counts stay below C(40, 20) < 2^53, so they are exact.
 *
 * Complexity: O(m·n·S) time and O(m·S) space, S the number of distinct partial sums
 * (a few thousand at m = n = 20).
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * cramerVonMisesExactPValue(81, 3, 3); // 0.1: fully separated samples, 2 of the 20 orderings
 */
export function cramerVonMisesExactPValue(u: number, m: number, n: number): number {
  const l = lcm(m, n);
  const a = l / m;
  const b = l / n;
  const mn = m * n;
  const zeta = floorDivide(l * l * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn * mn);
  let gs: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 0; v < m; v++) gs.push(new Map());
  for (let uu = 0; uu <= n; uu++) {
    const next: Map<number, number>[] = [];
    let tmp = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const res = (a * v - b * uu) ** 2;
      const merged = new Map<number, number>();
      for (const [value, freq] of tmp) merged.set(value + res, freq);
      for (const [value, freq] of gs[v]) merged.set(value + res, (merged.get(value + res) ?? 0) + freq);
      tmp = merged;
      next.push(tmp);
    }
    gs = next;
  }
  let reached = 0;
  for (const [value, freq] of gs[m]) if (value >= zeta) reached += freq;
  return reached / binomial(m + n, m);
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

/** Python's float floor division `a // b` (fmod-based, as CPython and NumPy compute it). */
function floorDivide(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0 * Math.sign(a / b);
  const floorDiv = Math.floor(div);
  return div - floorDiv > 0.5 ? floorDiv + 1 : floorDiv;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
