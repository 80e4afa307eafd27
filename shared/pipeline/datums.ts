import type { CheckReport } from "../check/report.ts";
import { DIMENSION, METRIC } from "../names.ts";
import type { MetricDatum } from "../ports.ts";

/** Report performance keys → CloudWatch metric names (DESIGN §6). */
const PERFORMANCE_METRICS: Array<[string, string]> = [
  ["accuracy", METRIC.Accuracy],
  ["precision", METRIC.Precision],
  ["recall", METRIC.Recall],
  ["f1", METRIC.F1],
  ["rocAuc", METRIC.RocAuc],
  ["mae", METRIC.MAE],
  ["rmse", METRIC.RMSE],
  ["mape", METRIC.MAPE],
  ["r2", METRIC.R2],
  ["labelCoverage", METRIC.LabelCoverage],
];

const QUALITY_METRICS: Array<[keyof CheckReport["features"][string]["quality"], string]> = [
  ["missingShare", METRIC.MissingShare],
  ["typeMismatchShare", METRIC.TypeMismatchShare],
  ["outOfRangeShare", METRIC.OutOfRangeShare],
  ["newCategoryShare", METRIC.NewCategoryShare],
  ["outlierShare", METRIC.OutlierShare],
];

/**
 * The drift, quality and volume metrics of an evaluated window, timestamped at the window start,
 * with dimensions Model (and Feature for per-feature metrics).
 *
 * @example
 * windowDatums(report, "bank", start).find((d) => d.name === "RowCount")?.value;
 */
export function windowDatums(r: CheckReport, model: string, windowStartMs: number, perFeature: "all" | "drift" | "none" = "all"): MetricDatum[] {
  const out: MetricDatum[] = [];
  const m = (name: string, value: number | null | undefined, feature?: string, unit: MetricDatum["unit"] = "None") => {
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    const dimensions: Record<string, string> = { [DIMENSION.Model]: model };
    if (feature !== undefined) dimensions[DIMENSION.Feature] = feature;
    out.push({ name, value, timestampMs: windowStartMs, dimensions, unit });
  };
  m(METRIC.RowCount, r.current.rows, undefined, "Count");
  m(METRIC.MalformedRows, r.current.malformedRows, undefined, "Count");
  m(METRIC.DuplicateIds, r.quality.duplicateIds, undefined, "Count");
  m(METRIC.DriftedFeatureShare, r.dataset.driftedShare);
  m(METRIC.DatasetDrift, r.dataset.drifted ? 1 : 0);
  if (r.prediction.drift) m(METRIC.PredictionDrift, r.prediction.drift.statistic);
  if (r.quality.latency) {
    m(METRIC.LatencyP50, r.quality.latency.p50, undefined, "Milliseconds");
    m(METRIC.LatencyP95, r.quality.latency.p95, undefined, "Milliseconds");
    m(METRIC.LatencyP99, r.quality.latency.p99, undefined, "Milliseconds");
  }
  for (const [feature, f] of Object.entries(r.features)) {
    if (f.drift && perFeature !== "none") {
      m(METRIC.DriftScore, f.drift.statistic, feature);
      m(METRIC.DriftDetected, f.drift.drifted ? 1 : 0, feature);
    }
    if (perFeature === "all") for (const [key, name] of QUALITY_METRICS) m(name, f.quality[key], feature);
  }
  if (perFeature !== "all") {
    // One metric per share: the worst feature's value (the report in S3 names the feature).
    for (const [key, name] of QUALITY_METRICS) {
      const values = Object.values(r.features).map((f) => f.quality[key]).filter((v): v is number => v !== null && Number.isFinite(v));
      if (values.length > 0) m(name, Math.max(...values));
    }
  }
  return out;
}

/** Performance metrics of a window (and per segment value when given). */
export function performanceDatums(perf: Record<string, unknown>, model: string, windowStartMs: number, segment?: string): MetricDatum[] {
  const out: MetricDatum[] = [];
  for (const [key, name] of PERFORMANCE_METRICS) {
    const v = perf[key];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    const dimensions: Record<string, string> = { [DIMENSION.Model]: model };
    if (segment !== undefined) dimensions[DIMENSION.Segment] = segment;
    out.push({ name, value: v, timestampMs: windowStartMs, dimensions });
  }
  return out;
}
