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
      // Asymptotic p-values go through K_1/4: AMOS (scipy) and Temme's method (here) differ by
      // up to ~7e-14 relative, far inside the tolerance.
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
});
