import { describe, expect, it } from "vitest";
import { defaultRules, evaluateRules, DRIFT_FIRE_AFTER } from "../../../shared/check/alerts.ts";
import type { CheckReport } from "../../../shared/check/report.ts";
import { parseMonitorConfig } from "../../../shared/config/load.ts";
import type { ReferenceProfile } from "../../../shared/reference/types.ts";

const config = parseMonitorConfig("model: m\n", "m.yaml");
const ref = { baseline: { accuracy: 0.9 }, chunks: [] } as unknown as ReferenceProfile;

function report(accuracy: number, labeledRows: number): CheckReport {
  return {
    model: "m",
    reference: { rows: 1000 },
    current: { rows: labeledRows, malformedRows: 0, start: null, end: null },
    features: {},
    prediction: { drift: null },
    dataset: { driftedFeatures: 0, driftedShare: 0, drifted: false, features: 0 },
    quality: { missingColumns: [], extraColumns: [], droppedFeatures: 0, duplicateIds: 0, malformedShare: 0, minutesSinceLastData: null, latency: null, expectedRows: null },
    performance: { task: "binary_classification", accuracy, labeledRows, labelCoverage: 1 },
    alerts: [],
  };
}

const status = (r: CheckReport, rule: string) => evaluateRules(r, ref, config, {}).find((o) => o.rule.name === rule)!.status;

describe("default rules", () => {
  it("need two drifted windows in a row for the P3 drift rules, one for the rest", () => {
    const rules = defaultRules(config);
    expect(rules.find((r) => r.name === "dataset_drift")!.fireAfter).toBe(DRIFT_FIRE_AFTER);
    expect(rules.find((r) => r.name === "prediction_drift")!.fireAfter).toBe(2);
    expect(rules.find((r) => r.name === "feature_drift")!.fireAfter).toBeUndefined();
    expect(rules.find((r) => r.name === "no_data")!.fireAfter).toBeUndefined();
  });

  it("judge model quality only with at least labels.minLabelled (100) labelled rows", () => {
    expect(config.labels.minLabelled).toBe(100);
    // 0.5 < 0.9 × 0.9: a drop, but on 23 labels it is noise (±0.06 standard error at 0.9) — unknown.
    expect(status(report(0.5, 23), "accuracy_drop")).toBe("unknown");
    expect(status(report(0.5, 100), "accuracy_drop")).toBe("firing");
    expect(status(report(0.88, 100), "accuracy_drop")).toBe("clear");
    const lenient = parseMonitorConfig("model: m\nlabels: {minLabelled: 10}\n", "m.yaml");
    expect(evaluateRules(report(0.5, 23), ref, lenient, {}).find((o) => o.rule.name === "accuracy_drop")!.status).toBe("firing");
  });
});
