import { mergeCategorical } from "./categories.ts";
import { mergeDistributions } from "./distribution.ts";
import { ProfileMergeError } from "./errors.ts";
import type { ColumnSummary, Histogram, NumericSummary } from "./types.ts";

/** Caps a merge re-applies; the same as the builder's. */
export interface MergeLimits {
  exactDistinctCap: number;
  categoryCap: number;
  compression: number;
}

/**
 * Sums two summaries of the same column. Exact for presence, nulls, numeric counts, min/max,
 * histograms, exact distributions (while the union has ≤ exactDistinctCap values) and categories
 * (while ≤ categoryCap); mean and M2 by Chan et al.'s parallel formulas. Commutative bit for bit:
 * the moments are combined in a canonical order of the two inputs.
 *
 * @throws ProfileMergeError when declared types or histogram edges differ.
 * @example
 * mergeColumns("age", a, b, { exactDistinctCap: 10_000, categoryCap: 1000, compression: 3000 });
 */
export function mergeColumns(name: string, a: ColumnSummary, b: ColumnSummary, limits: MergeLimits): ColumnSummary {
  if (a.declaredType !== null && b.declaredType !== null && a.declaredType !== b.declaredType) {
    throw new ProfileMergeError(name, `declared types differ (${a.declaredType}, ${b.declaredType})`);
  }
  return {
    declaredType: a.declaredType ?? b.declaredType,
    present: a.present + b.present,
    nulls: a.nulls + b.nulls,
    numeric: a.numeric === null ? b.numeric : b.numeric === null ? a.numeric : mergeNumeric(a.numeric, b.numeric, limits),
    categorical:
      a.categorical === null ? b.categorical
      : b.categorical === null ? a.categorical
      : mergeCategorical(a.categorical, b.categorical, limits.categoryCap),
    histogram: mergeHistograms(name, a, b),
  };
}

function mergeNumeric(a: NumericSummary, b: NumericSummary, limits: MergeLimits): NumericSummary {
  const { count, mean, m2 } = mergeMoments(a, b);
  return {
    count,
    nan: a.nan + b.nan,
    posInf: a.posInf + b.posInf,
    negInf: a.negInf + b.negInf,
    negatives: a.negatives + b.negatives,
    min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
    max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
    mean,
    m2,
    distribution: mergeDistributions(a.distribution, b.distribution, limits.exactDistinctCap, limits.compression),
  };
}

/** Count, mean and M2 (sum of squared deviations) of a set of finite values. */
export interface Moments {
  readonly count: number;
  readonly mean: number;
  readonly m2: number;
}

/**
 * The moments of the union of two sets, by Chan et al.'s parallel formulas. Commutative bit for
 * bit: the two are combined in a canonical order (larger count first, then smaller mean, then
 * smaller M2), so merge(a, b) and merge(b, a) are the same doubles.
 *
 * @example
 * mergeMoments({ count: 1, mean: 1, m2: 0 }, { count: 1, mean: 3, m2: 0 }); // { count: 2, mean: 2, m2: 2 }
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  const [x, y] = firstInCanonicalOrder(a, b) ? [a, b] : [b, a];
  const n = x.count + y.count;
  let mean = x.mean;
  let m2 = x.m2;
  if (y.count > 0) {
    const delta = y.mean - x.mean;
    mean = x.count === 0 ? y.mean : x.mean + delta * (y.count / n);
    m2 = x.m2 + y.m2 + delta * delta * ((x.count * y.count) / n);
  }
  return { count: n, mean, m2 };
}

/** Larger count first, then smaller mean, then smaller M2: equal keys mean equal moments. */
function firstInCanonicalOrder(a: Moments, b: Moments): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.mean !== b.mean) return a.mean < b.mean;
  return a.m2 <= b.m2;
}

function mergeHistograms(name: string, a: ColumnSummary, b: ColumnSummary): Histogram | null {
  const ha = a.histogram;
  const hb = b.histogram;
  if (ha === null && hb === null) return null;
  if (ha === null || hb === null) {
    const other = ha === null ? a : b;
    if (binnable(other) > 0) throw new ProfileMergeError(name, "one partial has a histogram and the other has not");
    return ha ?? hb;
  }
  if (ha.edges.length !== hb.edges.length || ha.edges.some((e, i) => e !== hb.edges[i])) {
    throw new ProfileMergeError(name, "histogram edges differ");
  }
  return { edges: ha.edges, counts: ha.counts.map((c, i) => c + hb.counts[i]) };
}

/** Numbers a histogram would count: every number but NaN. */
function binnable(c: ColumnSummary): number {
  return c.numeric === null ? 0 : c.numeric.count + c.numeric.posInf + c.numeric.negInf;
}
