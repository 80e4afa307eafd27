// Expected values: scikit-learn (fixture `versions`, 1.2.1 when generated) via test/oracles/metrics.py.
import { describe, expect, it } from "vitest";
import { addMulticlassObservation, newMulticlassAccumulator } from "../../../shared/metrics/multiclassAccumulator.ts";
import { computeMulticlassMetrics } from "../../../shared/metrics/multiclassMetrics.ts";
import { expectClose, fixture } from "./helpers.ts";

const KEYS = ["accuracy", "precisionMacro", "recallMacro", "f1Macro", "precisionWeighted", "recallWeighted", "f1Weighted"] as const;

describe("computeMulticlassMetrics", () => {
  it("averages per-class scores, macro and weighted", () => {
    const acc = newMulticlassAccumulator();
    for (const [label, prediction] of [["a", "a"], ["b", "a"], ["c", "c"], ["c", "a"]]) addMulticlassObservation(acc, { label, prediction });
    const m = computeMulticlassMetrics(acc);
    expect([m.accuracy, m.precisionMacro, m.recallMacro, m.recallWeighted]).toEqual([0.5, 0.4444444444444444, 0.5, 0.5]);
  });

  it(`matches scikit-learn ${fixture.versions.sklearn} on every fixture case`, () => {
    expect(fixture.multiclass.length).toBeGreaterThanOrEqual(6);
    for (const c of fixture.multiclass) {
      const acc = newMulticlassAccumulator();
      const counted = c.observations.filter((o) => addMulticlassObservation(acc, o)).length;
      const m = computeMulticlassMetrics(acc);
      expect(counted, c.name).toBe(c.expected.count);
      for (const k of KEYS) expectClose(m[k], c.expected[k] as number, `${c.name}: ${k}`);
      expect(m.confusionMatrix, c.name).toEqual({ labels: c.expected.labels, matrix: c.expected.matrix });
    }
  });

  it("gives a class never predicted precision 0 (zero_division='warn')", () => {
    const acc = newMulticlassAccumulator();
    for (const [label, prediction] of [["a", "a"], ["b", "a"]]) addMulticlassObservation(acc, { label, prediction });
    expect(computeMulticlassMetrics(acc).precisionMacro).toBe(0.25);
  });

  it("returns nulls when nothing was counted", () => {
    const m = computeMulticlassMetrics(newMulticlassAccumulator());
    expect([m.count, m.accuracy, m.f1Weighted]).toEqual([0, null, null]);
  });
});
