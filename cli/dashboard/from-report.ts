import type { CheckReport } from "../../shared/check/report.ts";
import type {
  DashboardData,
  DashboardQuality,
  DashboardWindow,
  FeatureDistribution,
  FeatureDrift,
  WindowPerformance,
} from "./types.ts";

/** Options of `dashboardFromReport`. */
export interface FromReportOptions {
  /** ISO time stamped on the page; defaults to now (the CLI may read the clock). */
  generatedAt?: string;
}

const finiteOrNull = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/**
 * A one-window `DashboardData` from an ad hoc comparison, for `vigil check --html`. The window
 * starts at the current data's first timestamp (or `generatedAt` when the data has none); every
 * alert of the report is a "fire" at that window. The caller supplies the distributions (bins and
 * labels) because only it still holds the profiles.
 *
 * @example
 * const data = dashboardFromReport(report, { age: { type: "numerical", labels: ["<30", "≥30"],
 *   reference: [0.4, 0.6], current: [0.2, 0.8] } });
 * data.windows.length; // 1
 * Object.keys(data.distributions); // [data.windows[0].start]
 */
export function dashboardFromReport(
  report: CheckReport,
  distributions: Record<string, FeatureDistribution>,
  options: FromReportOptions = {},
): DashboardData {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const start = report.current.start ?? generatedAt;
  // Keyed by feature names from logs: without a prototype, "__proto__" is a key like any other.
  const drift: Record<string, FeatureDrift> = Object.create(null);
  const quality: Record<string, DashboardQuality> = Object.create(null);
  for (const [name, f] of Object.entries(report.features)) {
    if (f.drift) {
      drift[name] = {
        method: f.drift.method,
        statistic: finiteOrNull(f.drift.statistic),
        pValue: finiteOrNull(f.drift.pValue),
        threshold: f.drift.threshold,
        drifted: f.drift.drifted,
      };
    }
    quality[name] = {
      missingShare: f.quality.missingShare,
      outOfRangeShare: finiteOrNull(f.quality.outOfRangeShare),
      newCategoryShare: finiteOrNull(f.quality.newCategoryShare),
      outlierShare: finiteOrNull(f.quality.outlierShare),
    };
  }
  const window: DashboardWindow = {
    start,
    rows: report.current.rows,
    malformedRows: report.current.malformedRows,
    lateRows: 0,
    minutesSinceLastData: finiteOrNull(report.quality.minutesSinceLastData),
    driftedShare: report.dataset.driftedShare,
    datasetDrift: report.dataset.drifted,
    drift,
    quality,
    performance: report.performance ? performanceOf(report.performance) : null,
  };
  return {
    model: report.model,
    generatedAt,
    windows: [window],
    alerts: report.alerts.map((a) => ({
      at: start,
      severity: a.severity,
      rule: a.rule,
      ...(a.feature === undefined ? {} : { feature: a.feature }),
      message: a.message,
      state: "fire" as const,
    })),
    distributions: { [start]: distributions },
  };
}

/** Keeps the numeric metrics (drops `task` and the confusion matrix). */
function performanceOf(p: NonNullable<CheckReport["performance"]>): WindowPerformance {
  const out: WindowPerformance = { labelCoverage: finiteOrNull(p.labelCoverage) };
  for (const [key, value] of Object.entries(p)) {
    if (key !== "labelCoverage" && typeof value === "number") out[key] = finiteOrNull(value);
  }
  return out;
}
