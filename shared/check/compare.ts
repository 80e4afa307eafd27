import type { MonitorConfig } from "../config/schema.ts";
import { correctedDecisions } from "../drift/correction.ts";
import type { DriftMethodName } from "../drift/methods.ts";
import { DRIFT_METHODS } from "../drift/registry.ts";
import type { MetricsAccumulator } from "../metrics/accumulator.ts";
import type { Profile } from "../profile/types.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { evaluateAlerts } from "./alerts.ts";
import { columnView, missingColumnView } from "./columns.ts";
import { compareFeature, featureSettings } from "./feature.ts";
import { performanceSection } from "./performance.ts";
import { PREDICTION_KEY, SCORE_KEY } from "./keys.ts";
import type { CheckReport, FeatureReport } from "./report.ts";

/** Options of one comparison. */
export interface CompareOptions {
  /** Force one drift method for every feature where it applies (`vigil check --method`). */
  method?: DriftMethodName;
  /** The evaluation time, for freshness; omitted → freshness is not reported. */
  nowMs?: number;
  /** Metric history of earlier windows for `anomaly(…)` rules: metric name → values, oldest first. */
  history?: Record<string, number[]>;
}

/**
 * Compares a current profile with the reference: per-feature drift and quality, multiple-testing
 * correction, dataset and prediction drift, data quality, performance and alerts — the report of
 * DESIGN §7.
 *
 * @example
 * compareProfiles(reference, windowProfile, config, { nowMs }).dataset.drifted;
 */
export function compareProfiles(ref: ReferenceProfile, cur: Profile & { performance?: MetricsAccumulator | null }, config: MonitorConfig, options: CompareOptions = {}): CheckReport {
  const features: Record<string, FeatureReport> = Object.create(null);
  const names = Object.keys(ref.schema).sort();
  const missingColumns: string[] = [];
  for (const name of names) {
    const refCol = ref.profile.features[name];
    const curCol = Object.hasOwn(cur.features, name) ? cur.features[name] : undefined;
    if (!curCol || curCol.present === 0) missingColumns.push(name);
    const type = config.features?.[name] ?? ref.schema[name].type;
    const settings = featureSettings(config, name, options.method);
    features[name] = compareFeature(columnView(refCol, ref.profile.rows), curCol ? columnView(curCol, cur.rows) : missingColumnView(cur.rows), {
      type,
      referenceRows: ref.profile.rows,
      edges: ref.binEdges[name],
      ...settings,
      calibrated: calibratedFor(ref, name),
    });
  }
  applyCorrection(features, config);
  const evaluated = Object.values(features).filter((f) => f.drift !== null);
  const driftedFeatures = evaluated.filter((f) => f.drift!.drifted).length;
  const driftedShare = evaluated.length > 0 ? driftedFeatures / evaluated.length : 0;
  const extraColumns = Object.keys(cur.features).filter((n) => !Object.hasOwn(ref.schema, n)).sort();
  const report: CheckReport = {
    model: config.model,
    reference: { rows: ref.profile.rows },
    current: {
      rows: cur.rows,
      malformedRows: cur.malformedRows,
      start: cur.timestamps.min === null ? null : new Date(cur.timestamps.min).toISOString(),
      end: cur.timestamps.max === null ? null : new Date(cur.timestamps.max).toISOString(),
    },
    features,
    prediction: predictionDrift(ref, cur, config, options),
    dataset: { driftedFeatures, driftedShare, drifted: evaluated.length > 0 && driftedShare >= config.drift.datasetShare, features: evaluated.length },
    quality: {
      missingColumns,
      extraColumns,
      droppedFeatures: cur.droppedFeatures,
      duplicateIds: cur.ids.duplicates,
      malformedShare: cur.rows + cur.malformedRows > 0 ? cur.malformedRows / (cur.rows + cur.malformedRows) : 0,
      minutesSinceLastData:
        options.nowMs !== undefined && cur.timestamps.max !== null ? Math.max(0, (options.nowMs - cur.timestamps.max) / 60_000) : null,
      latency: latency(cur),
      expectedRows: config.expectedRows ?? null,
    },
    alerts: [],
  };
  const performance = performanceSection(cur, config);
  if (performance) report.performance = performance;
  report.alerts = evaluateAlerts(report, ref, config, options.history ?? {});
  return report;
}

/** The reference's calibrated threshold for a feature (or prediction/score key); own keys only. */
function calibratedFor(ref: ReferenceProfile, key: string): { method: string; threshold: number } | null {
  const t = ref.calibration?.thresholds;
  return t && Object.hasOwn(t, key) ? t[key] : null;
}

function applyCorrection(features: Record<string, FeatureReport>, config: MonitorConfig): void {
  if (config.drift.correction === "none") return;
  const tested = Object.values(features).filter((f) => f.drift && f.drift.pValue !== null);
  if (tested.length === 0) return;
  // Each method keeps its own level; the correction spreads it over the family of p-value tests.
  const decisions = tested.map((f) => correctedDecisions(tested.map((g) => g.drift!.pValue!), f.drift!.threshold, config.drift.correction));
  tested.forEach((f, i) => (f.drift!.drifted = decisions[i][i]));
}

function predictionDrift(ref: ReferenceProfile, cur: Profile, config: MonitorConfig, options: CompareOptions): CheckReport["prediction"] {
  const one = (refCol: Profile["prediction"], curCol: Profile["prediction"], type: "numerical" | "categorical", key: string) => {
    if (!refCol || !curCol) return null;
    const refView = columnView(refCol, ref.profile.rows);
    const method = options.method && DRIFT_METHODS[options.method].appliesTo.includes(type) ? options.method : "auto";
    const edges = type === "numerical" ? ref.binEdges[key] : undefined;
    return compareFeature(refView, columnView(curCol, cur.rows), { type, referenceRows: ref.profile.rows, edges, method, threshold: null, calibrated: calibratedFor(ref, key) }).drift;
  };
  const predType = config.task === "regression" ? "numerical" : "categorical";
  const out: CheckReport["prediction"] = { drift: one(ref.profile.prediction, cur.prediction, predType, PREDICTION_KEY) };
  if (ref.profile.score && cur.score) out.score = { drift: one(ref.profile.score, cur.score, "numerical", SCORE_KEY) };
  return out;
}

function latency(cur: Profile): CheckReport["quality"]["latency"] {
  if (!cur.latency || !cur.latency.numeric || cur.latency.numeric.count === 0) return null;
  const v = columnView(cur.latency, cur.rows);
  return { p50: v.quantile(0.5)!, p95: v.quantile(0.95)!, p99: v.quantile(0.99)! };
}
