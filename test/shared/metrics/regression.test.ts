// Expected values: scikit-learn (fixture `versions`, 1.2.1 when generated) via test/oracles/metrics.py.
import { describe, expect, it } from "vitest";
import { MAPE_EPS, MAX_ABS_REGRESSION_VALUE, addRegressionObservation, computeRegressionMetrics, mergeRegressionAccumulators, newRegressionAccumulator } from "../../../shared/metrics/regression.ts";
import { expectClose, fixture } from "./helpers.ts";

const KEYS = ["mae", "mse", "rmse", "mape", "r2"] as const;

describe("newRegressionAccumulator", () => {
  it("starts empty", () => {
    expect(newRegressionAccumulator().count).toBe(0);
  });
});

describe("addRegressionObservation", () => {
  it("accepts numbers and numeric strings, refuses missing values", () => {
    const acc = newRegressionAccumulator();
    expect([addRegressionObservation(acc, { label: 3, prediction: "2.5" }), addRegressionObservation(acc, { label: 3, prediction: null })]).toEqual([true, false]);
  });

  it("refuses non-finite, non-numeric and huge values", () => {
    const acc = newRegressionAccumulator();
    for (const v of [Number.NaN, Infinity, "abc", "", true, MAX_ABS_REGRESSION_VALUE]) {
      expect(addRegressionObservation(acc, { label: v, prediction: 1 })).toBe(false);
    }
    expect(acc.count).toBe(0);
  });
});

describe("mergeRegressionAccumulators", () => {
  it("adds counts and sums", () => {
    const a = newRegressionAccumulator();
    addRegressionObservation(a, { label: 1, prediction: 0 });
    expect(mergeRegressionAccumulators(a, a).count).toBe(2);
  });
});

describe("computeRegressionMetrics", () => {
  it("computes MAE, MSE and R²", () => {
    const acc = newRegressionAccumulator();
    for (const [label, prediction] of [[3, 2.5], [-0.5, 0], [2, 2], [7, 8]]) addRegressionObservation(acc, { label, prediction });
    const m = computeRegressionMetrics(acc);
    expect([m.mae, m.mse, m.r2]).toEqual([0.5, 0.375, 0.9486081370449679]);
  });

  it(`matches scikit-learn ${fixture.versions.sklearn} on every fixture case`, () => {
    expect(fixture.regression.length).toBeGreaterThanOrEqual(7);
    for (const c of fixture.regression) {
      const acc = newRegressionAccumulator();
      for (const o of c.observations) expect(addRegressionObservation(acc, o), c.name).toBe(true);
      const m = computeRegressionMetrics(acc);
      expect(m.count, c.name).toBe(c.expected.count);
      for (const k of KEYS) expectClose(m[k], c.expected[k], `${c.name}: ${k}`);
    }
  });

  it("divides by the float64 epsilon where y is 0 (MAPE)", () => {
    const acc = newRegressionAccumulator();
    addRegressionObservation(acc, { label: 0, prediction: 1 });
    expect(computeRegressionMetrics(acc).mape).toBe(1 / MAPE_EPS);
  });

  it("gives R² = 0 for constant y even where numpy's mean leaves a residue", () => {
    const acc = newRegressionAccumulator();
    for (let i = 0; i < 7; i++) addRegressionObservation(acc, { label: 0.1, prediction: 0.2 });
    expect(computeRegressionMetrics(acc).r2).toBe(0);
  });

  it("returns nulls when nothing was counted", () => {
    expect(computeRegressionMetrics(newRegressionAccumulator())).toEqual({ task: "regression", count: 0, mae: null, mse: null, rmse: null, mape: null, r2: null });
  });
});
