import { compareProfiles } from "../check/compare.ts";
import { columnView } from "../check/columns.ts";
import { PREDICTION_KEY, SCORE_KEY } from "../check/keys.ts";
import { flattenMetrics } from "../check/metrics.ts";
import type { MonitorConfig } from "../config/schema.ts";
import { CONTINUOUS_MIN_UNIQUE, DRIFT_METHODS } from "../drift/registry.ts";
import type { CheckReport, DriftResult } from "../check/report.ts";
import { mergeWithPerformance, type ProfileWithPerformance } from "../pipeline/profiler.ts";
import type { ColumnSummary } from "../profile/types.ts";
import { binEdges } from "../stats/index.ts";
import { REFERENCE_FORMAT_VERSION, type CalibratedThreshold, type FeatureSchema, type ReferenceProfile } from "./types.ts";

/** Categories a schema lists per categorical feature. */
const SCHEMA_CATEGORIES = 100;

/** Chunks needed before chunk statistics calibrate a threshold. */
export const MIN_CALIBRATION_CHUNKS = 5;
/** Calibrated threshold = max(default, mean + K·std) of the chunk statistics. */
export const CALIBRATION_SIGMAS = 3;

/**
 * Builds the reference profile from the profiles of consecutive chunks of the reference data
 * (default 10): merges them, infers the schema (the config's declared types win), takes bin
 * edges at the reference's quantiles, and records baseline and per-chunk metric values.
 *
 * Calibration: each chunk (one per monitor window when `windows` is given, else the row-count
 * chunks) is compared with the whole reference; for every feature whose method is a score
 * (wasserstein, jensenshannon, psi, …) the threshold becomes max(method default, mean + 3·std of
 * the chunk statistics), so the ordinary window-to-window variation of the reference does not
 * read as drift. P-value methods keep their significance level. A configured threshold always wins.
 *
 * @throws Error when there are no chunks or no rows.
 * @example
 * buildReference(chunkProfiles, config).schema.age.type; // "numerical"
 */
export function buildReference(chunks: readonly ProfileWithPerformance[], config: MonitorConfig, windows?: readonly ProfileWithPerformance[] | null): ReferenceProfile {
  if (chunks.length === 0) throw new Error("buildReference requires at least one chunk");
  const profile = chunks.reduce((a, b) => mergeWithPerformance(a, b));
  if (profile.rows === 0) throw new Error("buildReference requires at least one row");
  const bins = config.drift.bins;
  const schema: Record<string, FeatureSchema> = Object.create(null);
  const edges: Record<string, number[]> = Object.create(null);
  for (const name of Object.keys(profile.features).sort()) {
    const col = profile.features[name];
    const view = columnView(col, profile.rows);
    const type = config.features?.[name] ?? view.inferredType;
    schema[name] = {
      type,
      unique: view.unique,
      min: view.min,
      max: view.max,
      missingShare: (profile.rows - view.nonNull) / profile.rows,
      ...(type === "categorical" ? { categories: [...view.categories()].sort((a, b) => b[1] - a[1]).slice(0, SCHEMA_CATEGORIES).map(([k]) => k) } : {}),
    };
    const e = continuousEdges(col, profile.rows, type, bins);
    if (e) edges[name] = e;
  }
  const predEdges = config.task === "regression" ? continuousEdges(profile.prediction, profile.rows, "numerical", bins) : null;
  if (predEdges) edges[PREDICTION_KEY] = predEdges;
  const scoreEdges = continuousEdges(profile.score, profile.rows, "numerical", bins);
  if (scoreEdges) edges[SCORE_KEY] = scoreEdges;
  const ref: ReferenceProfile = {
    kind: "vigil-reference",
    formatVersion: REFERENCE_FORMAT_VERSION,
    model: config.model,
    task: config.task,
    bins,
    profile,
    schema,
    binEdges: edges,
    baseline: {},
    chunks: [],
  };
  const quiet: MonitorConfig = { ...config, alerts: [] };
  const calibrationChunks = windows && windows.length >= MIN_CALIBRATION_CHUNKS ? windows : chunks;
  const first = calibrationChunks.map((c) => compareProfiles(ref, c, quiet));
  ref.calibration = {
    chunking: calibrationChunks === windows ? "window" : "rows",
    ...(calibrationChunks === windows ? { window: config.window } : {}),
    thresholds: calibrate(first),
  };
  // With the thresholds known, the baseline and chunk metrics (drifted flags, shares) use them.
  ref.baseline = flattenMetrics(compareProfiles(ref, profile, quiet));
  ref.chunks = calibrationChunks.map((c) => ({
    rows: c.rows,
    start: c.timestamps.min,
    end: c.timestamps.max,
    metrics: flattenMetrics(compareProfiles(ref, c, quiet)),
  }));
  return ref;
}

/** Calibrated thresholds for score methods from the chunk reports (features, prediction, score). */
function calibrate(reports: readonly CheckReport[]): Record<string, CalibratedThreshold> {
  const out: Record<string, CalibratedThreshold> = Object.create(null);
  if (reports.length < MIN_CALIBRATION_CHUNKS) return out;
  const columns: Array<[string, (r: CheckReport) => DriftResult | null | undefined]> = [
    ...Object.keys(reports[0].features).map((f): [string, (r: CheckReport) => DriftResult | null | undefined] => [f, (r) => r.features[f]?.drift]),
    [PREDICTION_KEY, (r) => r.prediction.drift],
    [SCORE_KEY, (r) => r.prediction.score?.drift],
  ];
  for (const [key, driftOf] of columns) {
    const results = reports.map(driftOf).filter((d): d is DriftResult => !!d);
    if (results.length < MIN_CALIBRATION_CHUNKS) continue;
    const method = results[0].method;
    const spec = DRIFT_METHODS[method];
    if (spec.direction !== "score" || results.some((d) => d.method !== method)) continue;
    const values = results.map((d) => d.statistic).filter(Number.isFinite);
    if (values.length < MIN_CALIBRATION_CHUNKS) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    out[key] = { method, threshold: Math.max(spec.defaultThreshold, mean + CALIBRATION_SIGMAS * std), mean, std };
  }
  return out;
}

function continuousEdges(col: ColumnSummary | null, rows: number, type: string, bins: number): number[] | null {
  if (!col || type !== "numerical") return null;
  const view = columnView(col, rows);
  if (view.numericCount === 0 || view.unique <= CONTINUOUS_MIN_UNIQUE) return null;
  return binEdges(view.sample(), bins);
}
