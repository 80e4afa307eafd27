import type { MonitorConfig } from "../config/schema.ts";
import type { DriftMethodName } from "../drift/methods.ts";
import { chooseAutoMethod, CONTINUOUS_MIN_UNIQUE, DRIFT_METHODS, type DriftInputs } from "../drift/registry.ts";
import { psi } from "../stats/index.ts";
import type { FeatureType } from "../types.ts";
import { categoryBins, numericBins, type BinPair } from "./bins.ts";
import type { DriftResult, FeatureQuality, FeatureReport } from "./report.ts";
import type { ColumnView } from "./view.ts";

/** What the comparison of one column needs besides the two columns. */
export interface FeatureContext {
  type: FeatureType;
  referenceRows: number;
  /** The reference's quantile bin edges for this column (numerical only). */
  edges: readonly number[] | undefined;
  /** A method forced by `--method` or the config; ignored where it does not apply. */
  method: DriftMethodName | "auto";
  threshold: number | null;
  /** The threshold calibrated on the reference for the method it was calibrated with, if any. */
  calibrated?: { method: string; threshold: number } | null;
}

const OUTLIER_Z = 3;
const TOP_CATEGORIES = 5;

/** Whether a method applies to a column of this type and number of distinct values. */
export function methodApplies(method: DriftMethodName, type: FeatureType, unique: number): boolean {
  const applies = DRIFT_METHODS[method].appliesTo;
  return applies.includes(type) || (applies.includes("binary") && unique <= 2);
}

/** The method for a column: the forced one where it applies, else the automatic choice. */
export function pickMethod(ctx: FeatureContext, ref: ColumnView): DriftMethodName {
  if (ctx.method !== "auto" && methodApplies(ctx.method, ctx.type, ref.unique)) return ctx.method;
  return chooseAutoMethod({ referenceRows: ctx.referenceRows, type: ctx.type, unique: ref.unique });
}

/**
 * Compares one column of the current data with the reference: drift by the chosen method (with
 * PSI beside it for rules), data quality and a summary of what moved.
 *
 * @example
 * compareFeature(refAge, curAge, { type: "numerical", referenceRows: 12443, edges, method: "auto", threshold: null });
 */
export function compareFeature(ref: ColumnView, cur: ColumnView, ctx: FeatureContext): FeatureReport {
  const chosen = pickMethod(ctx, ref);
  const discrete = ctx.type === "categorical" || ref.unique <= CONTINUOUS_MIN_UNIQUE || !ctx.edges;
  const bins: BinPair = discrete
    ? categoryBins(ref.categories(), cur.categories(), ref.otherCount, cur.otherCount)
    : numericBins(ref, cur, ctx.edges!);
  // The z-test compares two proportions. A value new in the current data makes a 2×k table: the
  // chi-square test, of which the pooled z-test is the k = 2 case (the same p-value).
  const method: DriftMethodName = chosen === "ztest" && bins.labels.length > 2 ? "chisquare" : chosen;
  const spec = DRIFT_METHODS[method];
  const configured = chosen === ctx.method ? ctx.threshold : null;
  const calibrated = configured === null && ctx.calibrated && ctx.calibrated.method === method && ctx.calibrated.threshold > spec.defaultThreshold ? ctx.calibrated.threshold : null;
  const threshold = configured ?? calibrated ?? spec.defaultThreshold;
  let drift: DriftResult | null = null;
  let driftNote: string | undefined;
  // Text in a numerical column leaves its numeric bins empty: nothing to compare, not an error.
  const binned = total(bins.ref) > 0 && total(bins.cur) > 0;
  if (ref.nonNull === 0 || cur.nonNull === 0) {
    driftNote = ref.nonNull === 0 ? "the reference has no values" : "the current data has no values";
  } else if ((spec.input === "samples" && (ref.numericCount === 0 || cur.numericCount === 0)) || (spec.input !== "samples" && !binned)) {
    driftNote = discrete ? "no values to compare" : "no numeric values to compare";
  } else {
    const inputs: DriftInputs = {
      ref: spec.input === "samples" ? ref.sample() : EMPTY,
      cur: spec.input === "samples" ? cur.sample() : EMPTY,
      refBins: bins.ref,
      curBins: bins.cur,
      refStd: ref.std ?? 0,
    };
    const r = spec.compute(inputs);
    const drifted = spec.direction === "pvalue" ? (r.pValue ?? 1) < threshold : r.statistic >= threshold;
    drift = { method, statistic: r.statistic, pValue: r.pValue, threshold, drifted, ...(calibrated !== null ? { calibrated: true } : {}) };
  }
  const binPsi = ref.nonNull > 0 && cur.nonNull > 0 && binned ? psi(bins.ref, bins.cur) : null;
  return { type: ctx.type, drift, ...(driftNote ? { driftNote } : {}), quality: quality(ref, cur, ctx.type), summary: summary(ref, cur, ctx.type, binPsi) };
}

const EMPTY = { values: new Float64Array(0), weights: new Float64Array(0) };

function total(counts: Float64Array): number {
  let t = 0;
  for (const c of counts) t += c;
  return t;
}

function quality(ref: ColumnView, cur: ColumnView, type: FeatureType): FeatureQuality {
  const rows = Math.max(cur.rows, 1);
  const numeric = type === "numerical";
  const mismatched = numeric ? cur.textCount : 0;
  let newShare: number | null = null;
  if (!numeric && cur.nonNull > 0) {
    const known = ref.categories();
    let fresh = 0;
    for (const [k, n] of cur.categories()) if (!known.has(k)) fresh += n;
    // Rows the current profile kept no category for (past its cap) count as new: an upper bound,
    // so a flood of distinct values reads as new rather than vanishing (exact under the cap).
    newShare = ref.otherCount > 0 ? null : (fresh + cur.otherCount) / cur.nonNull;
  }
  const hasRange = numeric && ref.min !== null && ref.max !== null && cur.numericCount > 0;
  const z = numeric && ref.mean !== null && ref.std !== null && ref.std > 0 && cur.numericCount > 0;
  return {
    missingShare: (cur.rows - cur.nonNull) / rows,
    typeMismatchShare: mismatched / rows,
    outOfRangeShare: hasRange ? cur.shareOutside(ref.min!, ref.max!) : null,
    newCategoryShare: newShare,
    outlierShare: z ? cur.shareOutside(ref.mean! - OUTLIER_Z * ref.std!, ref.mean! + OUTLIER_Z * ref.std!) : null,
    negativeShare: numeric && ref.negatives === 0 && cur.numericCount > 0 ? cur.negatives / cur.numericCount : null,
  };
}

function summary(ref: ColumnView, cur: ColumnView, type: FeatureType, binPsi: number | null): FeatureReport["summary"] {
  const side = (c: ColumnView) => ({
    mean: type === "numerical" ? c.mean : null,
    missingShare: c.rows > 0 ? (c.rows - c.nonNull) / c.rows : 0,
    ...(type === "categorical" ? { topCategories: top(c.categories()) } : {}),
  });
  const out: FeatureReport["summary"] = { reference: side(ref), current: side(cur), psi: binPsi };
  if (type === "categorical") {
    const known = ref.categories();
    const fresh = [...cur.categories()].filter(([k]) => !known.has(k)).sort((a, b) => b[1] - a[1]).map(([k]) => k);
    if (fresh.length > 0) out.newCategories = fresh.slice(0, 10);
  }
  return out;
}

function top(m: Map<string, number>): Array<[string, number]> {
  const total = [...m.values()].reduce((a, b) => a + b, 0) || 1;
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP_CATEGORIES).map(([k, n]) => [k, n / total]);
}

/** The per-feature settings the config gives, `--method` overriding both. */
export function featureSettings(config: MonitorConfig, feature: string, forced?: DriftMethodName): { method: DriftMethodName | "auto"; threshold: number | null } {
  if (forced) return { method: forced, threshold: null };
  const per = config.drift.perFeature[feature];
  const method = per?.method ?? config.drift.method;
  const threshold = per?.threshold ?? (method !== "auto" ? config.drift.threshold : null);
  return { method, threshold };
}
