import type { ColumnView } from "./view.ts";

/** Reference categories kept as their own bins; the rest of the reference is one "other" bin. */
export const MAX_REFERENCE_CATEGORIES = 100;
/** New categories of the current data kept as their own bins before they too go to "other". */
export const MAX_NEW_CATEGORIES = 100;

/** Two count vectors over the same bins, with the bins' labels. */
export interface BinPair {
  labels: string[];
  ref: Float64Array;
  cur: Float64Array;
}

/**
 * Categorical bins (DESIGN §5): the reference's 100 most frequent categories, then categories
 * only the current data has (its 100 most frequent), then one "other" bin for the rest of both,
 * present only when it holds something.
 *
 * @example
 * categoryBins(new Map([["a", 3]]), new Map([["a", 1], ["b", 2]])).labels; // ["a", "b"]
 */
export function categoryBins(ref: Map<string, number>, cur: Map<string, number>, refOther = 0, curOther = 0): BinPair {
  const byCount = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = byCount(ref).slice(0, MAX_REFERENCE_CATEGORIES).map(([k]) => k);
  const keptSet = new Set(kept);
  const fresh = byCount(cur).filter(([k]) => !ref.has(k)).slice(0, MAX_NEW_CATEGORIES).map(([k]) => k);
  const labels = [...kept, ...fresh];
  const index = new Map(labels.map((l, i) => [l, i]));
  const r = new Float64Array(labels.length + 1);
  const c = new Float64Array(labels.length + 1);
  for (const [k, n] of ref) r[keptSet.has(k) ? index.get(k)! : labels.length] += n;
  for (const [k, n] of cur) c[index.get(k) ?? labels.length] += n;
  r[labels.length] += refOther;
  c[labels.length] += curOther;
  return dropEmpty({ labels: [...labels, "(other)"], ref: r, cur: c });
}

/**
 * Numerical bins over the reference's quantile edges: (−∞, e1), [e1, e2), …, [e_last, +∞), all
 * kept even when empty, as DESIGN §5 defines them (an empty bin still changes kl's renormalisation).
 */
export function numericBins(ref: ColumnView, cur: ColumnView, edges: readonly number[]): BinPair {
  const labels = [`< ${edges[0]}`, ...edges.slice(0, -1).map((e, i) => `[${e}, ${edges[i + 1]})`), `≥ ${edges[edges.length - 1]}`];
  return { labels: edges.length === 0 ? ["all"] : labels, ref: ref.histogram(edges), cur: cur.histogram(edges) };
}

function dropEmpty(b: BinPair): BinPair {
  const keep = b.labels.map((_, i) => b.ref[i] > 0 || b.cur[i] > 0);
  if (keep.every(Boolean)) return b;
  return {
    labels: b.labels.filter((_, i) => keep[i]),
    ref: Float64Array.from(b.ref.filter((_, i) => keep[i])),
    cur: Float64Array.from(b.cur.filter((_, i) => keep[i])),
  };
}
