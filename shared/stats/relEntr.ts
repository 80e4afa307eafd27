/**
 * Elementwise relative entropy x·ln(x/y), as `scipy.special.rel_entr`: 0 when x = 0 and y ≥ 0,
 * +∞ when x > 0 and y = 0 (or either is negative). The building block of KL divergence and
 * Jensen–Shannon distance, where a term is how much of the divergence one bin carries.
 *
 * Complexity: O(1).
 *
 * @throws Never; arguments outside the domain give NaN, as scipy's do.
 * @example
 * relEntr(0.5, 0.25); // 0.34657359027997264 = 0.5·ln 2
 * relEntr(0, 0.3);    // 0
 */
export function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}
