import type { CheckReport } from "./report.ts";

/** Report fields → rule metric names for window-level performance. */
const PERFORMANCE_NAMES: Record<string, string> = {
  accuracy: "accuracy",
  precision: "precision",
  recall: "recall",
  f1: "f1",
  rocAuc: "roc_auc",
  averagePrecision: "average_precision",
  logLoss: "log_loss",
  brier: "brier",
  precisionMacro: "precision_macro",
  recallMacro: "recall_macro",
  f1Macro: "f1_macro",
  mae: "mae",
  mse: "mse",
  rmse: "rmse",
  mape: "mape",
  r2: "r2",
  labelCoverage: "label_coverage",
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const flag = (v: boolean): number => (v ? 1 : 0);

/**
 * Flattens a report into the metric names rules use (shared/rules/catalog.ts): window metrics by
 * name, per-feature ones as `name.<feature>`. Chunk calibration and metric history store this form.
 *
 * @example
 * flattenMetrics(report)["psi.age"]; // 0.03
 */
export function flattenMetrics(r: CheckReport): Record<string, number | null> {
  const m: Record<string, number | null> = Object.create(null);
  m.row_count = r.current.rows;
  m.expected_rows = r.quality.expectedRows;
  m.malformed_rows = r.current.malformedRows;
  m.malformed_share = r.quality.malformedShare;
  m.late_rows = 0;
  m.duplicate_ids = r.quality.duplicateIds;
  m.missing_columns = r.quality.missingColumns.length;
  m.extra_columns = r.quality.extraColumns.length;
  m.drifted_features = r.dataset.driftedFeatures;
  m.drifted_share = r.dataset.driftedShare;
  m.dataset_drift = flag(r.dataset.drifted);
  m.any_drift = flag(r.dataset.driftedFeatures > 0);
  m.prediction_drift = r.prediction.drift ? flag(r.prediction.drift.drifted) : null;
  m.prediction_drift_score = r.prediction.drift ? r.prediction.drift.statistic : null;
  m.score_drift = r.prediction.score?.drift ? flag(r.prediction.score.drift.drifted) : null;
  m.minutes_since_last_data = r.quality.minutesSinceLastData;
  m.latency_p50 = r.quality.latency?.p50 ?? null;
  m.latency_p95 = r.quality.latency?.p95 ?? null;
  m.latency_p99 = r.quality.latency?.p99 ?? null;
  for (const [key, name] of Object.entries(PERFORMANCE_NAMES)) m[name] = num(r.performance?.[key]);
  for (const [f, fr] of Object.entries(r.features)) {
    m[`drift.${f}`] = fr.drift ? fr.drift.statistic : null;
    m[`drifted.${f}`] = fr.drift ? flag(fr.drift.drifted) : null;
    m[`p_value.${f}`] = fr.drift?.pValue ?? null;
    m[`psi.${f}`] = fr.summary.psi;
    m[`missing_share.${f}`] = fr.quality.missingShare;
    m[`type_mismatch_share.${f}`] = fr.quality.typeMismatchShare;
    m[`out_of_range_share.${f}`] = fr.quality.outOfRangeShare;
    m[`new_category_share.${f}`] = fr.quality.newCategoryShare;
    m[`outlier_share.${f}`] = fr.quality.outlierShare;
    m[`negative_share.${f}`] = fr.quality.negativeShare;
  }
  return m;
}
