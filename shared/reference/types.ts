import type { MetricsAccumulator } from "../metrics/accumulator.ts";
import type { Profile } from "../profile/types.ts";
import type { FeatureType, Task } from "../types.ts";

/** The `formatVersion` of reference files this build writes and reads. */
export const REFERENCE_FORMAT_VERSION = 1;

/** What the reference says one feature should look like. */
export interface FeatureSchema {
  type: FeatureType;
  /** Distinct non-null values seen (capped by the profile's exactness). */
  unique: number;
  min: number | null;
  max: number | null;
  /** Most frequent categories (categorical features), at most 100. */
  categories?: string[];
  /** Share of rows without a value. */
  missingShare: number;
}

/** Metric values of one reference chunk, for thresholds calibrated on the reference. */
export interface ReferenceChunk {
  rows: number;
  start: number | null;
  end: number | null;
  /** Flattened metric name (`accuracy`, `drift.age`, `psi.job`, …) → value. */
  metrics: Record<string, number | null>;
}

/** A drift threshold calibrated on the reference's chunks for one feature (or the prediction). */
export interface CalibratedThreshold {
  /** The method the chunk statistics were computed with (the automatic or configured one). */
  method: string;
  /** max(method default, mean + 3·std of the chunk statistics). */
  threshold: number;
  /** Mean and sample standard deviation (ddof 1) of the statistic over the chunks. */
  mean: number;
  std: number;
}

/** How the reference was cut for calibration and the thresholds that came of it. */
export interface Calibration {
  /** `window`: one chunk per event-time window of the monitor; `rows`: consecutive row-count chunks. */
  chunking: "window" | "rows";
  /** The monitor window the chunks follow (chunking `window`). */
  window?: string;
  /** Feature name (or the prediction/score keys) → calibrated threshold, for score methods. */
  thresholds: Record<string, CalibratedThreshold>;
}

/**
 * `reference/<model>/profile.json` (DESIGN §3): the merged profile of the reference data, plus
 * its schema, the bin edges binned drift methods use, baseline values of window metrics and the
 * metrics of each chunk of the reference compared with the whole.
 */
export interface ReferenceProfile {
  kind: "vigil-reference";
  formatVersion: typeof REFERENCE_FORMAT_VERSION;
  model: string;
  task: Task;
  /** Bins per numerical feature used for the edges. */
  bins: number;
  /** The merged profile, with the metric accumulator when the reference data had labels. */
  profile: Profile & { performance?: MetricsAccumulator | null };
  schema: Record<string, FeatureSchema>;
  binEdges: Record<string, number[]>;
  /** Window metrics of the whole reference (`accuracy`, `row_count`, …). */
  baseline: Record<string, number | null>;
  chunks: ReferenceChunk[];
  /** Thresholds calibrated on the chunks; absent in references built before calibration existed. */
  calibration?: Calibration;
}
