/**
 * Histogram counting over bins closed on the left: (−∞, e1), [e1, e2), …, [e_k, +∞). Values are
 * counted sorted, in one merge-like pass over values and edges, where the profile already sorts
 * them (the exact distinct values, the t-digest's buffer), instead of a bin search per value.
 *
 * @example
 * const counts = new Float64Array(3);
 * countSorted(Float64Array.of(0, 1), Float64Array.of(-1, 0, 5), null, 3, counts); // counts = [1, 1, 1]
 */

/**
 * Adds sorted finite values (each with its weight, or 1 when `weights` is null) to the bins of
 * `edges`; `counts` has edges.length + 1 bins. O(n + edges).
 */
export function countSorted(edges: Float64Array, values: Float64Array, weights: Float64Array | null, n: number, counts: Float64Array): void {
  const last = edges.length;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    while (b < last && edges[b] <= x) b++;
    counts[b] += weights === null ? 1 : weights[i];
  }
}
