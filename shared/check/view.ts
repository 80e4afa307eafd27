import type { FeatureType, WeightedSample } from "../types.ts";

/**
 * What the comparison reads of one column of a profile. `columns.ts` implements it over the
 * profile's serialised column summary, so this file is the only contract between the two.
 */
export interface ColumnView {
  /** Rows the profile counted (the denominator of shares). */
  rows: number;
  /** Rows where the column held a usable value (finite number, text or boolean). */
  nonNull: number;
  /** Rows where the key was present at all, null or not. */
  present: number;
  /** Finite numeric values. */
  numericCount: number;
  /** Text and boolean values. */
  textCount: number;
  mean: number | null;
  /** Standard deviation with ddof 0. */
  std: number | null;
  min: number | null;
  max: number | null;
  negatives: number;
  /** Finite numeric values as a weighted sample (exact, or the sketch's centroids). */
  sample(): WeightedSample;
  /** Value → count over all non-null values (numbers as their decimal text). */
  categories(): Map<string, number>;
  /** Rows that went to the "other" bucket past the category cap. */
  otherCount: number;
  /** Distinct non-null values (numeric and text), capped by the profile's exactness. */
  unique: number;
  /** The type the values suggest. */
  inferredType: FeatureType;
  /** Counts over the given bins, exact when the profile was built with these edges. */
  histogram(edges: readonly number[]): Float64Array;
  /** The p-quantile (numpy linear) of the numeric values. */
  quantile(p: number): number | null;
  /** Share of numeric values v with v < lo or v > hi. */
  shareOutside(lo: number, hi: number): number | null;
}
