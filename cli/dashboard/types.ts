import type { DriftMethodName, Severity } from "../../shared/drift/methods.ts";
import type { FeatureType } from "../../shared/types.ts";

/**
 * The data the dashboard page draws: plain JSON (no Dates, no Maps, no non-finite numbers; a
 * number that cannot be represented is `null`), so the local runner can write it to a file and
 * `renderDashboard` can embed it as-is.
 *
 * @example
 * const data: DashboardData = {
 *   model: "bank-marketing",
 *   generatedAt: "2008-09-02T00:00:00.000Z",
 *   windows: [{
 *     start: "2008-09-01T00:00:00.000Z", rows: 900, malformedRows: 2, lateRows: 0,
 *     minutesSinceLastData: 12, driftedShare: 0.125, datasetDrift: false,
 *     drift: { age: { method: "ks", statistic: 0.21, pValue: 0.001, threshold: 0.05, drifted: true } },
 *     quality: { age: { missingShare: 0, outOfRangeShare: 0.01, newCategoryShare: null, outlierShare: 0 } },
 *     performance: { accuracy: 0.9, labelCoverage: 0.8 },
 *   }],
 *   alerts: [{ at: "2008-09-01T00:00:00.000Z", severity: "P3", rule: "feature_drift", feature: "age",
 *              message: "age drifted: ks p=0.001 < 0.05", state: "fire" }],
 *   distributions: { "2008-09-01T00:00:00.000Z": { age: { type: "numerical",
 *     labels: ["< 30", "30–50", "≥ 50"], reference: [0.3, 0.5, 0.2], current: [0.1, 0.5, 0.4] } } },
 * };
 */
export interface DashboardData {
  model: string;
  /** ISO 8601 time the data was assembled. */
  generatedAt: string;
  /** Evaluated windows, oldest first. */
  windows: DashboardWindow[];
  /** Alert notifications, oldest first. */
  alerts: DashboardAlert[];
  /** Reference-vs-current distributions, keyed by window start (ISO), then by feature. */
  distributions: Record<string, Record<string, FeatureDistribution>>;
}

/** One evaluated window: volume, freshness, drift, quality and performance. */
export interface DashboardWindow {
  /** Window start, ISO 8601. */
  start: string;
  rows: number;
  malformedRows: number;
  lateRows: number;
  /** Minutes between the newest record and the evaluation; null when unknown. */
  minutesSinceLastData: number | null;
  /** Share of features that drifted, 0–1. */
  driftedShare: number;
  datasetDrift: boolean;
  /** Per feature; a feature without a drift result (no values on one side) is absent. */
  drift: Record<string, FeatureDrift>;
  quality: Record<string, DashboardQuality>;
  /** Null when no labels have arrived for the window. */
  performance: WindowPerformance | null;
}

/** A feature's drift result. `pValue` is null for distance methods. */
export interface FeatureDrift {
  method: DriftMethodName;
  /** The method's statistic (null when it was not finite). */
  statistic: number | null;
  /** For p-value methods the value compared with the threshold; null for distance methods. */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
}

/** The quality shares the page draws; null where a check does not apply. */
export interface DashboardQuality {
  missingShare: number;
  outOfRangeShare: number | null;
  newCategoryShare: number | null;
  outlierShare: number | null;
}

/**
 * Performance metrics by their DESIGN §7 names (`accuracy`, `f1`, `rmse`, …) plus label coverage.
 *
 * @example
 * const p: WindowPerformance = { accuracy: 0.91, rocAuc: 0.88, labelCoverage: 0.75 };
 */
export interface WindowPerformance {
  labelCoverage: number | null;
  [metric: string]: number | null;
}

/** The three notification kinds of DESIGN §6: first firing, reminder after cooldown, resolution. */
export type AlertState = "fire" | "remind" | "resolve";

/** One alert notification, placed at the start of the window that raised it. */
export interface DashboardAlert {
  /** Window start, ISO 8601. */
  at: string;
  severity: Severity;
  rule: string;
  feature?: string;
  message: string;
  state: AlertState;
}

/**
 * A feature's reference and current shares over the same bins. `labels`, `reference` and
 * `current` have equal length; shares sum to about 1 on each side.
 *
 * @example
 * const d: FeatureDistribution = { type: "categorical", labels: ["cellular", "telephone"],
 *   reference: [0.65, 0.35], current: [0.4, 0.6] };
 */
export interface FeatureDistribution {
  type: FeatureType;
  labels: string[];
  reference: number[];
  current: number[];
}
