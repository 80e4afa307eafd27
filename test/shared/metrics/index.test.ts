import { describe, expect, it } from "vitest";
import * as metrics from "../../../shared/metrics/index.ts";

describe("shared/metrics", () => {
  it("computes metrics through the public entry point", () => {
    const acc = metrics.newAccumulator("binary_classification");
    metrics.addObservation(acc, { label: 1, score: 0.8 });
    expect(metrics.computeMetrics(acc).accuracy).toBe(1);
  });

  it("exports the documented API", () => {
    for (const name of ["newAccumulator", "addObservation", "mergeAccumulators", "computeMetrics", "labelCoverage", "labelDelayPercentiles", "rocAucErrorBound"]) {
      expect(typeof (metrics as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
