import { describe, expect, it } from "vitest";
import { dashboardFromReport } from "../../../cli/dashboard/from-report.ts";
import { renderDashboard } from "../../../cli/dashboard/render.ts";
import type { CheckReport } from "../../../shared/check/report.ts";

const quality = { missingShare: 0.01, typeMismatchShare: 0, outOfRangeShare: 0.02, newCategoryShare: null, outlierShare: 0, negativeShare: null };
const summary = { reference: { mean: 40, missingShare: 0 }, current: { mean: 45, missingShare: 0.01 }, psi: 0.3 };

function report(overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    model: "bank-marketing",
    reference: { rows: 1000 },
    current: { rows: 900, malformedRows: 3, start: "2008-08-01T00:00:00.000Z", end: "2008-08-31T23:59:00.000Z" },
    features: {
      age: { type: "numerical", drift: { method: "ks", statistic: 0.21, pValue: 0.001, threshold: 0.05, drifted: true }, quality, summary },
      contact: { type: "categorical", drift: null, driftNote: "no current values", quality: { ...quality, outOfRangeShare: null, newCategoryShare: 0.9 }, summary },
    },
    prediction: { drift: null },
    dataset: { driftedFeatures: 1, driftedShare: 0.5, drifted: true, features: 2 },
    quality: { missingColumns: [], extraColumns: [], droppedFeatures: 0, duplicateIds: 0, malformedShare: 0.003, minutesSinceLastData: 7, latency: null, expectedRows: null },
    performance: { task: "binary_classification", accuracy: 0.9, rocAuc: Number.NaN, confusionMatrix: [[1, 2], [3, 4]], labelCoverage: 0.8 },
    alerts: [{ rule: "feature_drift", severity: "P3", feature: "age", value: 0.21, threshold: 0.2, message: "age drifted" }],
    ...overrides,
  };
}

const ageBins = { age: { type: "numerical" as const, labels: ["< 40", "≥ 40"], reference: [0.5, 0.5], current: [0.3, 0.7] } };

describe("dashboardFromReport", () => {
  it("builds one window starting at the current data's first timestamp", () => {
    const d = dashboardFromReport(report(), ageBins, { generatedAt: "2008-09-01T00:00:00.000Z" });
    expect(d.windows).toHaveLength(1);
    expect(d.windows[0]).toMatchObject({ start: "2008-08-01T00:00:00.000Z", rows: 900, malformedRows: 3, lateRows: 0,
      minutesSinceLastData: 7, driftedShare: 0.5, datasetDrift: true });
    expect(d.distributions).toEqual({ "2008-08-01T00:00:00.000Z": ageBins });
  });

  it("keeps drift results and leaves out features without one", () => {
    const w = dashboardFromReport(report(), ageBins).windows[0];
    expect(w.drift).toEqual({ age: { method: "ks", statistic: 0.21, pValue: 0.001, threshold: 0.05, drifted: true } });
    expect(w.quality.contact).toEqual({ missingShare: 0.01, outOfRangeShare: null, newCategoryShare: 0.9, outlierShare: 0 });
  });

  it("keeps numeric performance metrics, non-finite ones as null", () => {
    const w = dashboardFromReport(report(), ageBins).windows[0];
    expect(w.performance).toEqual({ accuracy: 0.9, rocAuc: null, labelCoverage: 0.8 });
    expect(dashboardFromReport(report({ performance: undefined }), ageBins).windows[0].performance).toBeNull();
  });

  it("turns every alert into a firing at the window", () => {
    expect(dashboardFromReport(report(), ageBins).alerts).toEqual([
      { at: "2008-08-01T00:00:00.000Z", severity: "P3", rule: "feature_drift", feature: "age", message: "age drifted", state: "fire" },
    ]);
  });

  it("falls back to generatedAt when the data has no timestamps, and renders", () => {
    const r = report({ current: { rows: 10, malformedRows: 0, start: null, end: null } });
    const d = dashboardFromReport(r, {}, { generatedAt: "2024-01-02T03:04:05.000Z" });
    expect(d.windows[0].start).toBe("2024-01-02T03:04:05.000Z");
    expect(renderDashboard(d)).toContain("bank-marketing");
  });
});
