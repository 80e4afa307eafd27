/**
 * Builds the sketched and exact views of data sets for the accuracy tests: a column summary from
 * one stream or from merged partials, the exact weighted sample, and the errors DESIGN §5 bounds.
 *
 * @example
 * const ref = sketched(draw("normal", 1e6, 1), 1000);
 */
import { ColumnBuilder } from "../../../../shared/profile/column-builder.ts";
import { ColumnMerger } from "../../../../shared/profile/column-merger.ts";
import { quantile, weightedSample } from "../../../../shared/profile/column-stats.ts";
import { CATEGORY_CAP, DEFAULT_COMPRESSION, EXACT_DISTINCT_CAP } from "../../../../shared/profile/constants.ts";
import { mergeColumns } from "../../../../shared/profile/merge-columns.ts";
import type { ColumnSummary } from "../../../../shared/profile/types.ts";
import type { WeightedSample } from "../../../../shared/types.ts";
import { exactSample, ksDistance, rankError, wasserstein1 } from "./exact-stats.ts";

const LIMITS = { exactDistinctCap: EXACT_DISTINCT_CAP, categoryCap: CATEGORY_CAP, compression: DEFAULT_COMPRESSION };

/**
 * How partials are merged: left to right by `mergeColumns` (each merge compresses), or all at once
 * by `ColumnMerger` (the evaluator's k-way merge).
 */
export type MergeMode = "pairwise" | "at once";

/** A data set with its sketch (profiled in `partials` consecutive parts, then merged) and exact sample. */
export interface Checked {
  sorted: Float64Array;
  column: ColumnSummary;
  sketch: WeightedSample;
  exact: WeightedSample;
}

export function sketched(data: Float64Array, partials = 1, mode: MergeMode = "pairwise"): Checked {
  let acc: ColumnSummary | null = null;
  const atOnce = new ColumnMerger("x", LIMITS);
  const size = Math.ceil(data.length / partials);
  for (let p = 0; p < partials; p++) {
    const c = new ColumnBuilder({ ...LIMITS, edges: null, declaredType: null });
    const end = Math.min(data.length, (p + 1) * size);
    for (let i = p * size; i < end; i++) c.add(data[i]);
    const s = c.toSummary();
    if (mode === "at once") atOnce.add(s, p);
    else acc = acc === null ? s : mergeColumns("x", acc, s, LIMITS);
  }
  const column = mode === "at once" ? atOnce.result() : (acc as ColumnSummary);
  const sorted = Float64Array.from(data).sort();
  return { sorted, column, sketch: weightedSample(column), exact: exactSample(sorted, true) };
}

/** |D(sketch a, sketch b) − D(a, b)|. */
export function ksError(a: Checked, b: Checked): number {
  return Math.abs(ksDistance(a.sketch, b.sketch) - ksDistance(a.exact, b.exact));
}

/** Exact and sketched W1(a, b) / std(a). */
export function normalisedW(a: Checked, b: Checked, std: number): { exact: number; sketch: number } {
  return { exact: wasserstein1(a.exact, b.exact) / std, sketch: wasserstein1(a.sketch, b.sketch) / std };
}

export const PROBABILITIES = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

/** The largest rank error of the sketch's quantiles over PROBABILITIES. */
export function worstRankError(a: Checked): number {
  return Math.max(...PROBABILITIES.map((p) => rankError(a.sorted, quantile(a.column, p), p)));
}
