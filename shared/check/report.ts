import type { DriftMethodName, Severity } from "../drift/methods.ts";
import type { FeatureType, Task } from "../types.ts";

/** Drift of one column: DESIGN §7's `drift` object. */
export interface DriftResult {
  method: DriftMethodName;
  statistic: number;
  /** Null for distance methods. */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  /** True when the threshold was calibrated on the reference's chunks (above the method's default). */
  calibrated?: boolean;
}

/** Per-feature data quality (DESIGN §7); null where a check does not apply. */
export interface FeatureQuality {
  missingShare: number;
  typeMismatchShare: number;
  outOfRangeShare: number | null;
  newCategoryShare: number | null;
  outlierShare: number | null;
  negativeShare: number | null;
}

/** A short description of what moved, for reports and alert context. */
export interface FeatureSummary {
  reference: { mean: number | null; missingShare: number; topCategories?: Array<[string, number]> };
  current: { mean: number | null; missingShare: number; topCategories?: Array<[string, number]> };
  newCategories?: string[];
  /** The PSI on the method's bins, always computed so rules can use it. */
  psi: number | null;
}

export interface FeatureReport {
  type: FeatureType;
  /** Null when the feature has no values on one side (then `driftNote` says why). */
  drift: DriftResult | null;
  driftNote?: string;
  quality: FeatureQuality;
  summary: FeatureSummary;
}

export interface Alert {
  rule: string;
  severity: Severity;
  feature?: string;
  value: number | null;
  threshold: number | null;
  message: string;
  runbook?: string;
  action?: "notify" | "retrain";
}

/** The result of comparing a window (or any current data) with the reference: DESIGN §7. */
export interface CheckReport {
  model: string;
  reference: { rows: number };
  current: {
    rows: number;
    malformedRows: number;
    start: string | null;
    end: string | null;
  };
  features: Record<string, FeatureReport>;
  prediction: { drift: DriftResult | null; score?: { drift: DriftResult | null } };
  dataset: { driftedFeatures: number; driftedShare: number; drifted: boolean; features: number };
  quality: {
    missingColumns: string[];
    extraColumns: string[];
    /** Feature names past the profile's limit (MAX_FEATURES, 1,000) in the current data: not monitored. */
    droppedFeatures: number;
    duplicateIds: number;
    malformedShare: number;
    minutesSinceLastData: number | null;
    latency: { p50: number; p95: number; p99: number } | null;
    expectedRows: number | null;
  };
  performance?: Record<string, unknown> & { task: Task; labelCoverage: number; labeledRows?: number };
  alerts: Alert[];
}
