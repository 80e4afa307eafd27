import { compareProfiles } from "../check/compare.ts";
import { columnView } from "../check/columns.ts";
import { PREDICTION_KEY, SCORE_KEY } from "../check/keys.ts";
import { flattenMetrics } from "../check/metrics.ts";
import type { MonitorConfig } from "../config/schema.ts";
import { CONTINUOUS_MIN_UNIQUE } from "../drift/registry.ts";
import { mergeWithPerformance, type ProfileWithPerformance } from "../pipeline/profiler.ts";
import type { ColumnSummary } from "../profile/types.ts";
import { binEdges } from "../stats/index.ts";
import { REFERENCE_FORMAT_VERSION, type FeatureSchema, type ReferenceProfile } from "./types.ts";

/** Categories a schema lists per categorical feature. */
const SCHEMA_CATEGORIES = 100;

/**
 * Builds the reference profile from the profiles of consecutive chunks of the reference data
 * (default 10): merges them, infers the schema (the config's declared types win), takes bin
 * edges at the reference's quantiles, and records baseline and per-chunk metric values.
 *
 * @throws Error when there are no chunks or no rows.
 * @example
 * buildReference(chunkProfiles, config).schema.age.type; // "numerical"
 */
export function buildReference(chunks: readonly ProfileWithPerformance[], config: MonitorConfig): ReferenceProfile {
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
  ref.baseline = flattenMetrics(compareProfiles(ref, profile, quiet));
  ref.chunks = chunks.map((c) => ({
    rows: c.rows,
    start: c.timestamps.min,
    end: c.timestamps.max,
    metrics: flattenMetrics(compareProfiles(ref, c, quiet)),
  }));
  return ref;
}

function continuousEdges(col: ColumnSummary | null, rows: number, type: string, bins: number): number[] | null {
  if (!col || type !== "numerical") return null;
  const view = columnView(col, rows);
  if (view.numericCount === 0 || view.unique <= CONTINUOUS_MIN_UNIQUE) return null;
  return binEdges(view.sample(), bins);
}
