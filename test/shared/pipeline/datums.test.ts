import { describe, expect, it } from "vitest";
import type { CheckReport } from "../../../shared/check/report.ts";
import { windowDatums } from "../../../shared/pipeline/datums.ts";

const quality = (missing: number, outOfRange: number | null) => ({ missingShare: missing, typeMismatchShare: 0, outOfRangeShare: outOfRange, newCategoryShare: null, outlierShare: null, negativeShare: null });
const report = {
  current: { rows: 10, malformedRows: 1, start: null, end: null },
  dataset: { driftedFeatures: 1, driftedShare: 0.5, drifted: true, features: 2 },
  prediction: { drift: null },
  quality: { missingColumns: [], extraColumns: [], duplicateIds: 0, malformedShare: 0.1, minutesSinceLastData: null, latency: null, expectedRows: null },
  features: {
    age: { type: "numerical", drift: { method: "wasserstein", statistic: 0.3, pValue: null, threshold: 0.1, drifted: true }, quality: quality(0.1, 0.02), summary: {} },
    job: { type: "categorical", drift: { method: "jensenshannon", statistic: 0.01, pValue: null, threshold: 0.1, drifted: false }, quality: quality(0.4, null), summary: {} },
  },
} as unknown as CheckReport;

const perFeatureName = (n: string) => n.split("=")[0].includes(".");
const names = (mode: "all" | "drift" | "none") =>
  windowDatums(report, "m", 0, mode).map((d) => `${d.name}${d.dimensions.Feature ? `.${d.dimensions.Feature}` : ""}=${d.value}`).sort();

describe("windowDatums and metrics.perFeature", () => {
  it("all: drift and every quality share per feature", () => {
    const all = names("all");
    expect(all).toContain("MissingShare.age=0.1");
    expect(all).toContain("MissingShare.job=0.4");
    expect(all).toContain("DriftScore.age=0.3");
    expect(all.filter(perFeatureName)).toHaveLength(2 * 2 + 2 * 2 + 1); // drift 2×2, missing+mismatch 2×2, out-of-range for age
  });

  it("drift: drift per feature, each quality share once as the worst feature's", () => {
    const drift = names("drift");
    expect(drift.filter(perFeatureName)).toEqual(["DriftDetected.age=1", "DriftDetected.job=0", "DriftScore.age=0.3", "DriftScore.job=0.01"]);
    expect(drift).toContain("MissingShare=0.4");
    expect(drift).toContain("OutOfRangeShare=0.02");
    expect(drift).toContain("TypeMismatchShare=0");
    expect(drift.some((n) => n.startsWith("NewCategoryShare"))).toBe(false); // null everywhere: not published
  });

  it("none: model-level metrics only", () => {
    const none = names("none");
    expect(none.filter(perFeatureName)).toEqual([]);
    expect(none).toContain("RowCount=10");
    expect(none).toContain("DriftedFeatureShare=0.5");
    expect(none).toContain("MissingShare=0.4");
  });
});
