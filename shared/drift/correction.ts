import type { Correction } from "./methods.ts";

/**
 * Decides drift for a family of p-value tests at level `alpha` with a multiple-testing
 * correction: `none` (p < alpha), `bonferroni` (p < alpha / m) or `bh` (Benjamini–Hochberg:
 * reject the k smallest p-values where k is the largest rank with p_(k) ≤ k·alpha / m).
 * Returns one flag per input, in input order.
 *
 * @example
 * correctedDecisions([0.01, 0.04, 0.03], 0.05, "bh"); // [true, true, true]
 * correctedDecisions([0.01, 0.04, 0.03], 0.05, "bonferroni"); // [true, false, false]
 */
export function correctedDecisions(pValues: readonly number[], alpha: number, correction: Correction): boolean[] {
  const m = pValues.length;
  if (correction === "none") return pValues.map((p) => p < alpha);
  if (correction === "bonferroni") return pValues.map((p) => p < alpha / m);
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let k = 0;
  order.forEach(([p], rank) => {
    if (p <= ((rank + 1) * alpha) / m) k = rank + 1;
  });
  const out = new Array<boolean>(m).fill(false);
  for (let r = 0; r < k; r++) out[order[r][1]] = true;
  return out;
}
