import { mergeCategorical } from "./categories.ts";
import { CATEGORY_CAP, DEFAULT_COMPRESSION, EXACT_DISTINCT_CAP, MAX_FEATURES, PROFILE_FORMAT_VERSION } from "./constants.ts";
import { mergeColumns, type MergeLimits } from "./merge-columns.ts";
import type { ColumnSummary, Profile } from "./types.ts";

/** Caps of a merge; by default the builder's defaults. */
export interface MergeOptions {
  /** @default EXACT_DISTINCT_CAP */
  readonly exactDistinctCap?: number;
  /** @default CATEGORY_CAP */
  readonly categoryCap?: number;
  /** @default MAX_FEATURES */
  readonly maxFeatures?: number;
  /** Compression of a digest made from two exact distributions. @default DEFAULT_COMPRESSION */
  readonly compression?: number;
}

/**
 * Merges two profiles into the profile of the union of their rows (the evaluator's reduce step).
 * Associative and commutative; exact for counts, moments (to rounding), exact distributions,
 * histograms and categories under the cap. Duplicate ids across partials cannot be seen from the
 * profiles: `ids.duplicates` is a sum (the join store finds cross-object duplicates). If the union
 * has more than `maxFeatures` features, those with the most non-null values are kept and the rest
 * counted in `droppedFeatures`. Inputs are not modified; the result may share their sub-objects.
 *
 * @throws ProfileMergeError when a column's histogram edges or declared types differ.
 * @example
 * const window = partials.reduce((acc, p) => mergeProfiles(acc, p));
 */
export function mergeProfiles(a: Profile, b: Profile, options: MergeOptions = {}): Profile {
  const limits = mergeLimits(options);
  const { features, dropped } = mergeFeatures(a.features, b.features, limits, options.maxFeatures ?? MAX_FEATURES);
  return {
    formatVersion: PROFILE_FORMAT_VERSION,
    rows: a.rows + b.rows,
    malformedRows: a.malformedRows + b.malformedRows,
    timestamps: {
      min: nullableExtreme(a.timestamps.min, b.timestamps.min, Math.min),
      max: nullableExtreme(a.timestamps.max, b.timestamps.max, Math.max),
      missing: a.timestamps.missing + b.timestamps.missing,
    },
    ids: {
      count: a.ids.count + b.ids.count,
      distinct: a.ids.distinct + b.ids.distinct,
      duplicates: a.ids.duplicates + b.ids.duplicates,
      approximate: a.ids.approximate || b.ids.approximate,
    },
    versions: mergeCategorical(a.versions, b.versions, limits.categoryCap),
    features,
    prediction: mergeNullable("prediction", a.prediction, b.prediction, limits),
    score: mergeNullable("score", a.score, b.score, limits),
    label: mergeNullable("label", a.label, b.label, limits),
    latency: mergeNullable("latency", a.latency, b.latency, limits),
    droppedFeatures: a.droppedFeatures + b.droppedFeatures + dropped,
  };
}

/** The caps a merge re-applies, defaults filled in. @example mergeLimits({}).exactDistinctCap; // 10000 */
export function mergeLimits(options: MergeOptions): MergeLimits {
  return {
    exactDistinctCap: options.exactDistinctCap ?? EXACT_DISTINCT_CAP,
    categoryCap: options.categoryCap ?? CATEGORY_CAP,
    compression: options.compression ?? DEFAULT_COMPRESSION,
  };
}

function mergeFeatures(
  a: Record<string, ColumnSummary>, b: Record<string, ColumnSummary>, limits: MergeLimits, maxFeatures: number,
): { features: Record<string, ColumnSummary>; dropped: number } {
  const merged = new Map<string, ColumnSummary>();
  for (const name of Object.keys(a)) merged.set(name, a[name]);
  for (const name of Object.keys(b)) {
    const x = merged.get(name);
    merged.set(name, x === undefined ? b[name] : mergeColumns(name, x, b[name], limits));
  }
  return keepFeatures(merged, maxFeatures);
}

/**
 * The features of a merge as a null-prototype object in code-unit order, capped at `maxFeatures`:
 * those with the most non-null values are kept (ties by name) and the others counted as dropped.
 *
 * @example
 * keepFeatures(new Map([["b", colB], ["a", colA]]), 1000).features; // { a: colA, b: colB }
 */
export function keepFeatures(merged: Map<string, ColumnSummary>, maxFeatures: number): { features: Record<string, ColumnSummary>; dropped: number } {
  let names = [...merged.keys()].sort(byCodeUnits);
  let dropped = 0;
  if (names.length > maxFeatures) {
    const kept = new Set(
      [...names].sort((x, y) => nonNull(merged.get(y)!) - nonNull(merged.get(x)!) || byCodeUnits(x, y)).slice(0, maxFeatures),
    );
    dropped = names.length - kept.size;
    names = names.filter((n) => kept.has(n));
  }
  const features = Object.create(null) as Record<string, ColumnSummary>;
  for (const name of names) features[name] = merged.get(name)!;
  return { features, dropped };
}

function nonNull(c: ColumnSummary): number {
  return c.present - c.nulls;
}

function byCodeUnits(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function mergeNullable(name: string, a: ColumnSummary | null, b: ColumnSummary | null, limits: MergeLimits): ColumnSummary | null {
  if (a === null) return b;
  if (b === null) return a;
  return mergeColumns(name, a, b, limits);
}

function nullableExtreme(a: number | null, b: number | null, pick: (x: number, y: number) => number): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return pick(a, b);
}
