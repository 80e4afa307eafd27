/**
 * The names a rule may use. Window-level metrics are scalars; per-feature metrics are written
 * `name.<feature>` for one feature or plain `name` for every feature at once; `baseline.<name>` is
 * the reference's value of a metric (the whole reference compared with itself).
 *
 * @example
 * isKnownMetric(["psi", "age"]); // true
 */
export const WINDOW_METRICS = [
  "row_count",
  "expected_rows",
  "malformed_rows",
  "malformed_share",
  "late_rows",
  "duplicate_ids",
  "missing_columns",
  "extra_columns",
  "drifted_features",
  "drifted_share",
  "dataset_drift",
  "any_drift",
  "prediction_drift",
  "prediction_drift_score",
  "score_drift",
  "minutes_since_last_data",
  "latency_p50",
  "latency_p95",
  "latency_p99",
  "label_coverage",
  "accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "mae",
  "mse",
  "rmse",
  "mape",
  "r2",
  "accuracy_drop",
  "rmse_increase",
] as const;

/** Metrics with one value per feature. */
export const FEATURE_METRICS = [
  "drift",
  "drifted",
  "p_value",
  "psi",
  "missing_share",
  "type_mismatch_share",
  "out_of_range_share",
  "new_category_share",
  "outlier_share",
  "negative_share",
] as const;

export type WindowMetric = (typeof WINDOW_METRICS)[number];
export type FeatureMetric = (typeof FEATURE_METRICS)[number];

const WINDOW = new Set<string>(WINDOW_METRICS);
const FEATURE = new Set<string>(FEATURE_METRICS);

/** Whether a dotted metric path names something a rule can read. */
export function isKnownMetric(path: readonly string[]): boolean {
  const [head, ...rest] = path;
  if (head === "baseline") return (rest.length === 1 && (WINDOW.has(rest[0]) || FEATURE.has(rest[0]))) || (rest.length === 2 && FEATURE.has(rest[0]));
  if (FEATURE.has(head)) return rest.length <= 1;
  return rest.length === 0 && WINDOW.has(head);
}
