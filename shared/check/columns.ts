import { cdfOfDistribution, quantileOfDistribution, weightedSampleOfDistribution } from "../profile/distribution-query.ts";
import { EXACT_DISTINCT_CAP } from "../profile/constants.ts";
import { inferType } from "../profile/infer-type.ts";
import type { ColumnSummary } from "../profile/types.ts";
import type { WeightedSample } from "../types.ts";
import type { ColumnView } from "./view.ts";

const EMPTY_SAMPLE: WeightedSample = { values: new Float64Array(0), weights: new Float64Array(0) };

/**
 * Reads a profile column through the ColumnView contract. `rows` is the profile's row count.
 *
 * @example
 * columnView(profile.features.age, profile.rows).mean;
 */
export function columnView(col: ColumnSummary, rows: number): ColumnView {
  const num = col.numeric;
  const cat = col.categorical;
  const numericCount = num?.count ?? 0;
  const textCount = cat ? cat.counts.reduce((a, b) => a + b, 0) + cat.other : 0;
  const exact = num?.distribution.kind === "exact" ? num.distribution : null;
  const numericUnique = num ? (exact ? exact.values.length : EXACT_DISTINCT_CAP + 1) : 0;
  const unique = numericUnique + (cat ? cat.values.length : 0);
  let sample: WeightedSample | null = null;
  const getSample = (): WeightedSample => (sample ??= num && num.count > 0 ? weightedSampleOfDistribution(num.distribution) : EMPTY_SAMPLE);
  const nonNull = numericCount + textCount;
  return {
    rows,
    nonNull,
    present: col.present,
    numericCount,
    textCount,
    mean: num && num.count > 0 ? num.mean : null,
    std: num && num.count > 0 ? Math.sqrt(num.m2 / num.count) : null,
    min: num?.min ?? null,
    max: num?.max ?? null,
    negatives: num ? num.negatives - num.negInf : 0,
    otherCount: cat?.other ?? 0,
    unique,
    inferredType: inferType({ ...col, declaredType: null }),
    sample: getSample,
    categories: () => {
      const m = new Map<string, number>();
      if (cat) cat.values.forEach((v, i) => m.set(v, cat.counts[i]));
      if (exact) exact.values.forEach((v, i) => m.set(String(v), (m.get(String(v)) ?? 0) + exact.counts[i]));
      return m;
    },
    histogram: (edges) => {
      const h = col.histogram;
      if (h && h.edges.length === edges.length && h.edges.every((e, i) => e === edges[i])) {
        const counts = Float64Array.from(h.counts);
        // The profile's histogram holds ±∞ in its outer bins; drift is on finite values only.
        counts[0] -= num?.negInf ?? 0;
        counts[counts.length - 1] -= num?.posInf ?? 0;
        return counts;
      }
      return histogramOf(getSample(), edges);
    },
    quantile: (p) => (num && num.count > 0 ? quantileOfDistribution(num.distribution, p) : null),
    shareOutside: (lo, hi) => {
      if (!num || num.count === 0) return null;
      if (exact) {
        let out = 0;
        exact.values.forEach((v, i) => {
          if (v < lo || v > hi) out += exact.counts[i];
        });
        return out / num.count;
      }
      const below = lo <= num.min! ? 0 : cdfOfDistribution(num.distribution, lo);
      const above = hi >= num.max! ? 0 : 1 - cdfOfDistribution(num.distribution, hi);
      return Math.min(1, Math.max(0, below + above));
    },
  };
}

/** A column that never appeared in the current data: every row is missing. */
export function missingColumnView(rows: number): ColumnView {
  return columnView({ present: 0, nulls: 0, numeric: null, categorical: null, histogram: null, declaredType: null }, rows);
}

/** Counts of a weighted sample over (−∞, e1), [e1, e2), …, [e_last, +∞). */
export function histogramOf(s: WeightedSample, edges: readonly number[]): Float64Array {
  const out = new Float64Array(edges.length + 1);
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[lo] += s.weights[i];
  }
  return out;
}
