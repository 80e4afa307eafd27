import type { WeightedSample } from "../types.ts";
import { categoricalTotal } from "./categories.ts";
import { cdfOfDistribution, quantileOfDistribution, weightedSampleOfDistribution } from "./distribution-query.ts";
import { ProfileArgumentError } from "./errors.ts";
import type { ColumnSummary } from "./types.ts";

/**
 * Read-side accessors of a column summary: counts, moments, quantiles, CDF, the weighted sample
 * that drift statistics take, and category counts. Numeric statistics cover finite numbers only.
 *
 * @example
 * quantile(profile.features.age, 0.5); // the median age (numpy-exact while the column is exact)
 */

/** Rows whose value was present and neither null nor "" (NaN counts: it is a value). @example nonNullCount(col); // present − nulls */
export function nonNullCount(col: ColumnSummary): number {
  return col.present - col.nulls;
}

/**
 * Missing values of a column in a profile of `rows` rows: absent keys, null and "".
 *
 * @example
 * missingCount(profile.features.age, profile.rows); // rows − (present − nulls)
 */
export function missingCount(col: ColumnSummary | undefined | null, rows: number): number {
  return col ? rows - nonNullCount(col) : rows;
}

/** Mean of the finite numbers; NaN when there are none. @example mean(col); // 41.2 */
export function mean(col: ColumnSummary): number {
  return col.numeric !== null && col.numeric.count > 0 ? col.numeric.mean : NaN;
}

/**
 * Standard deviation of the finite numbers, sqrt(M2 / (count − ddof)); NaN when count ≤ ddof.
 *
 * @example
 * std(col);    // population (numpy's default, ddof = 0)
 * std(col, 1); // sample
 */
export function std(col: ColumnSummary, ddof = 0): number {
  const n = col.numeric?.count ?? 0;
  if (n - ddof <= 0) return NaN;
  return Math.sqrt(Math.max(0, (col.numeric as { m2: number }).m2) / (n - ddof));
}

/**
 * Quantile p ∈ [0, 1] of the finite numbers: exactly numpy.quantile(values, p) (linear) while the
 * column is exact, the t-digest estimate (within 0.5% rank) beyond. NaN when there are none.
 *
 * @throws ProfileArgumentError when p is outside [0, 1].
 * @example
 * quantile(col, 0.95);
 */
export function quantile(col: ColumnSummary, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new ProfileArgumentError(`quantile requires p in [0, 1], got ${p}`);
  if (col.numeric === null || col.numeric.count === 0) return NaN;
  return quantileOfDistribution(col.numeric.distribution, p);
}

/** Share of the finite numbers ≤ x; NaN when there are none. @example cdf(col, 30); // 0.42 */
export function cdf(col: ColumnSummary, x: number): number {
  if (col.numeric === null || col.numeric.count === 0) return NaN;
  return cdfOfDistribution(col.numeric.distribution, x);
}

/**
 * The finite numbers as a weighted sample: exact values with counts, or the digest's centroids
 * with their weights. Empty arrays when there are none.
 *
 * @example
 * const { values, weights } = weightedSample(col);
 */
export function weightedSample(col: ColumnSummary): WeightedSample {
  if (col.numeric === null) return { values: new Float64Array(0), weights: new Float64Array(0) };
  return weightedSampleOfDistribution(col.numeric.distribution);
}

/**
 * Distinct finite numbers: exact for an exact distribution. A digest exists only once the exact
 * cap was passed, so for it this returns Infinity (more than any cap; the true count is unknown).
 *
 * @example
 * distinctNumbers(col); // 3
 */
export function distinctNumbers(col: ColumnSummary): number {
  if (col.numeric === null) return 0;
  const d = col.numeric.distribution;
  return d.kind === "exact" ? d.values.length : Infinity;
}

/**
 * Counts of every non-null value as a category: strings and booleans ("true"/"false"), and numbers
 * as String(n) ("NaN", "Infinity" included). Numbers are listed while the column's numeric part is
 * exact; past the exact cap they are counted in `other`. Not capped again.
 *
 * @example
 * categoryCounts(col); // { counts: Map { "a" → 3, "1" → 2 }, other: 0 }
 */
export function categoryCounts(col: ColumnSummary): { counts: Map<string, number>; other: number } {
  const counts = new Map<string, number>();
  let other = 0;
  const add = (k: string, c: number): void => {
    if (c > 0) counts.set(k, (counts.get(k) ?? 0) + c);
  };
  if (col.categorical !== null) {
    for (let i = 0; i < col.categorical.values.length; i++) add(col.categorical.values[i], col.categorical.counts[i]);
    other += col.categorical.other;
  }
  const n = col.numeric;
  if (n !== null) {
    if (n.distribution.kind === "exact") {
      for (let i = 0; i < n.distribution.values.length; i++) add(String(n.distribution.values[i]), n.distribution.counts[i]);
    } else other += n.count;
    add("NaN", n.nan);
    add("Infinity", n.posInf);
    add("-Infinity", n.negInf);
  }
  return { counts, other };
}

/** Strings and booleans counted in the categorical part (listed and other). @example categoricalValueCount(columnOf(["a", true, 1])); // 2 */
export function categoricalValueCount(col: ColumnSummary): number {
  return col.categorical === null ? 0 : categoricalTotal(col.categorical);
}

/** Numbers of any kind (finite, NaN, ±∞). @example numericValueCount(columnOf([1, NaN, "a"])); // 2 */
export function numericValueCount(col: ColumnSummary): number {
  const n = col.numeric;
  return n === null ? 0 : n.count + n.nan + n.posInf + n.negInf;
}
