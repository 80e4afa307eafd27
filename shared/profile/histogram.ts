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
  if (weights === null) {
    // Unit weights: a bin's count is the distance between the positions of its edges, found by
    // binary search — O(edges · log n) instead of a step per value.
    let before = 0;
    for (let b = 0; b < last; b++) {
      const at = firstAtLeast(values, before, n, edges[b]);
      counts[b] += at - before;
      before = at;
    }
    counts[last] += n - before;
    return;
  }
  let b = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    while (b < last && edges[b] <= x) b++;
    counts[b] += weights === null ? 1 : weights[i];
  }
}

/** The first index in [from, to) of sorted `values` whose value is ≥ x (to when none is). */
function firstAtLeast(values: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
