// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.cramervonmises_2samp, method="auto").
import { describe, expect, it } from "vitest";
import { cramerVonMises, toWeightedSample } from "../../../shared/stats/index.ts";
import { ORACLE, STAT_REL, expectClose, expectPValue, samples } from "./oracle.ts";

describe("cramerVonMises", () => {
  it("returns the documented example", () => {
    expect(cramerVonMises(toWeightedSample([1, 2, 3]), toWeightedSample([4, 5, 6]))).toEqual({
      statistic: 0.5277777777777778,
      pValue: 0.1,
    });
  });

  for (const c of ORACLE.continuous.filter((k) => k.cvm !== null)) {
    it(`agrees with scipy.stats.cramervonmises_2samp: ${c.name} (${c.cvm!.method})`, () => {
      const [ref, cur] = samples(c);
      const r = cramerVonMises(ref, cur);
      // U is an exact sum of quarter-integers on both sides; T = U/(kN) − (4k − 1)/(6N) then
      // cancels up to ~4 digits for large samples identically in scipy and here.
      expectClose(r.statistic, c.cvm!.statistic, STAT_REL, 0, "statistic");
      // Asymptotic p-values are 1 − V(tn): scipy's own value of a tiny p (1e-9 here) carries
      // ~1e-15 absolute round-off from that subtraction, and its K_1/4 (AMOS) differs from ours
      // (Temme) by up to ~7e-14 relative. Hence small p-values agree to 1e-12 absolute, not
      // relative; p-values above ~1e-3 agree to ~1e-13 relative.
      expectPValue(r.pValue, c.cvm!.pValue, "pValue");
    });
  }

  it("refuses samples with fewer than two observations, as scipy does", () => {
    expect(() => cramerVonMises(toWeightedSample([1]), toWeightedSample([1, 2]))).toThrow(
      "cramerVonMises requires at least two observations in each sample",
    );
  });

  it("returns p = 1 for large identical samples", () => {
    const s = toWeightedSample(Array.from({ length: 500 }, (_, i) => Math.sqrt(i)));
    expect(cramerVonMises(s, s).pValue).toBe(1);
  });

  it("accepts non-integer weights, as sketch centroids carry", () => {
    const ref = { values: Float64Array.of(0, 1, 2, 3, 4), weights: Float64Array.of(10.5, 20.25, 30, 20.25, 10.5) };
    const cur = { values: Float64Array.of(0.5, 1.5, 2.5, 3.5), weights: Float64Array.of(12.4, 30.1, 30.2, 12.3) };
    const r = cramerVonMises(ref, cur);
    expect(Number.isFinite(r.statistic)).toBe(true);
    expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
  });
});
