import type { WeightedSample } from "../types.ts";
import { InvalidStatsInputError } from "./errors.ts";

/**
 * Weighted counts of a sample over the bins (−∞, e1), [e1, e2), …, [e_last, +∞) that `binEdges`
 * defines: a value v falls in bin i = number of edges ≤ v, which is `np.digitize(v, edges)` with
 * its default right=False. The result has edges.length + 1 entries; with no edges it is the total.
 *
 * Complexity: O(k + e) for k distinct values and e edges (one merge walk over two sorted lists).
 *
 * @throws InvalidStatsInputError when the edges are not finite and strictly increasing.
 * @example
 * histogram(toWeightedSample([1, 2, 2, 3, 9]), [2, 3]); // Float64Array [1, 2, 2]
 */
export function histogram(sample: WeightedSample, edges: readonly number[]): Float64Array {
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
      throw new InvalidStatsInputError("histogram", `requires finite strictly increasing edges (index ${i})`);
    }
  }
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sample.values.length; i++) {
    const v = sample.values[i];
    while (bin < edges.length && edges[bin] <= v) bin++;
    counts[bin] += sample.weights[i];
  }
  return counts;
}
