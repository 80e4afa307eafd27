/**
 * The serialised shape of a profile: plain JSON objects and arrays only, so a profile written by
 * one Lambda can be parsed, merged and written again by another. Functions in this folder read
 * and build these shapes; none holds a class instance.
 *
 * @example
 * const p: Profile = new ProfileBuilder().finish();
 * p.features; // null-prototype object: name → ColumnSummary
 */

import type { FeatureType } from "../types.ts";

/** Every finite value with its count, values strictly increasing. Exact. */
export interface ExactDistribution {
  kind: "exact";
  values: number[];
  counts: number[];
}

/**
 * A merging t-digest (k1 scale) over the finite values: centroid means non-decreasing with their
 * weights; `points` lists the indices of centroids of weight > 1 whose values were all equal (heavy
 * ties), so quantiles do not interpolate across them. Min and max of the data are exact.
 */
export interface TDigestDistribution {
  kind: "tdigest";
  compression: number;
  min: number;
  max: number;
  means: number[];
  weights: number[];
  points: number[];
}

/** The finite values of a column: exact while few distinct, a t-digest beyond. @example d.kind === "exact" ? d.values : d.means; */
export type Distribution = ExactDistribution | TDigestDistribution;

/**
 * Summary of the number values of a column. `count` is the number of finite values; NaN and the
 * infinities are counted apart and stay out of the moments and the distribution.
 */
export interface NumericSummary {
  count: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** Values < 0, −∞ included. */
  negatives: number;
  /** Null when `count` is 0. */
  min: number | null;
  max: number | null;
  mean: number;
  /** Sum of squared deviations from the mean (Welford / Chan et al.). */
  m2: number;
  distribution: Distribution;
}

/**
 * Counts of string and boolean values ("true"/"false"), sorted by count descending then value.
 * `other` counts rows whose value is not listed (beyond the category cap).
 */
export interface CategoricalSummary {
  values: string[];
  counts: number[];
  other: number;
}

/** Counts over (−∞, e1), [e1, e2), …, [e_{B−1}, +∞) of the non-NaN numbers (±∞ included). */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/**
 * One column of a profile. `present` counts rows where the key existed; `nulls` those of them whose
 * value was null or "". Non-null values = present − nulls; missing = profile rows − non-null.
 */
export interface ColumnSummary {
  /** The type the builder was told (config or reference schema); it wins over inference. */
  declaredType: FeatureType | null;
  present: number;
  nulls: number;
  numeric: NumericSummary | null;
  categorical: CategoricalSummary | null;
  /** Present when the builder was given bin edges for the column. */
  histogram: Histogram | null;
}

/** Prediction ids seen. Across merged partials `duplicates` is a sum, so `distinct` an upper bound. */
export interface IdSummary {
  count: number;
  distinct: number;
  duplicates: number;
  /** True once the builder's exact id set reached its cap (ids after it are assumed new). */
  approximate: boolean;
}

/** The mergeable summary of a window of prediction logs, or of reference data. */
export interface Profile {
  formatVersion: 1;
  rows: number;
  malformedRows: number;
  timestamps: { min: number | null; max: number | null; missing: number };
  ids: IdSummary;
  /** Counts of model_version values; rows without a version are not counted. */
  versions: CategoricalSummary;
  /** Null-prototype object, keys in code-unit order. */
  features: Record<string, ColumnSummary>;
  prediction: ColumnSummary | null;
  score: ColumnSummary | null;
  label: ColumnSummary | null;
  latency: ColumnSummary | null;
  /** Feature names beyond `maxFeatures`, not stored (summed across merged partials). */
  droppedFeatures: number;
}
