// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.anderson_ksamp([ref, cur], variant="midrank"), its default p-value).
import { describe, expect, it } from "vitest";
import {
  ANDERSON_CRITICAL_VALUES,
  ANDERSON_LOG_P_FIT,
  andersonKSamp,
  toWeightedSample,
} from "../../../shared/stats/index.ts";
import { ORACLE, STAT_REL, expectClose, expectPValue, samples } from "./oracle.ts";

describe("andersonKSamp", () => {
  it("returns the documented example", () => {
    expect(andersonKSamp(toWeightedSample([1, 2, 3, 4, 5]), toWeightedSample([6, 7, 8, 9, 10]))).toEqual({
      statistic: 4.726015467264128,
      pValue: 0.004355977966506477,
    });
  });

  it("interpolates with NumPy's own quadratic fit of Scholz & Stephens' table", () => {
    expect(ANDERSON_CRITICAL_VALUES).toEqual(ORACLE.andersonFit.critical);
    expect(ANDERSON_LOG_P_FIT).toEqual(ORACLE.andersonFit.fit);
  });

  for (const c of ORACLE.continuous.filter((k) => k.anderson !== null)) {
    it(`agrees with scipy.stats.anderson_ksamp: ${c.name}`, () => {
      const [ref, cur] = samples(c);
      const r = andersonKSamp(ref, cur);
      // A² − 1 cancels when the samples are alike; sums run in NumPy's pairwise order, so the
      // standardised statistic still agrees to ~1e-13 relative.
      expectClose(r.statistic, c.anderson!.statistic, STAT_REL, 1e-12, "statistic");
      expectPValue(r.pValue, c.anderson!.pValue, "pValue");
    });
  }

  it("caps the p-value at 0.25 and floors it at 0.001", () => {
    const s = toWeightedSample([1, 2, 3, 4, 5, 6]);
    expect(andersonKSamp(s, s).pValue).toBe(0.25);
    const far = toWeightedSample(Array.from({ length: 50 }, (_, i) => i + 100));
    expect(andersonKSamp(s, far).pValue).toBe(0.001);
  });

  it("refuses a pooled sample with a single distinct value, as scipy does", () => {
    expect(() => andersonKSamp(toWeightedSample([3, 3]), toWeightedSample([3, 3, 3]))).toThrow(
      "andersonKSamp requires more than one distinct observation",
    );
  });

  it("refuses fewer than four observations, where σ_N is undefined", () => {
    expect(() => andersonKSamp(toWeightedSample([1]), toWeightedSample([2, 3]))).toThrow(
      "andersonKSamp requires at least four observations",
    );
  });

  it("accepts non-integer weights, as sketch centroids carry", () => {
    const ref = { values: Float64Array.of(0, 1, 2, 3, 4), weights: Float64Array.of(10.5, 20.25, 30, 20.25, 10.5) };
    const cur = { values: Float64Array.of(0.5, 1.5, 2.5, 3.5), weights: Float64Array.of(12.4, 30.1, 30.2, 12.3) };
    const r = andersonKSamp(ref, cur);
    expect(Number.isFinite(r.statistic)).toBe(true);
    expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
  });
});
