// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.ks_2samp, two-sided, method="auto").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidStatsInputError, ks, toWeightedSample } from "../../../shared/stats/index.ts";
import { ORACLE, STAT_REL, expectClose, expectPValue, samples } from "./oracle.ts";

describe("ks", () => {
  it("returns the documented example", () => {
    expect(ks(toWeightedSample([1, 2, 3, 4, 5]), toWeightedSample([3, 4, 5, 6, 7]))).toEqual({
      statistic: 0.4,
      pValue: 0.873015873015873,
    });
  });

  for (const c of ORACLE.continuous) {
    it(`agrees with scipy.stats.ks_2samp: ${c.name} (${c.ks.method})`, () => {
      const [ref, cur] = samples(c);
      const r = ks(ref, cur);
      expectClose(r.statistic, c.ks.statistic, STAT_REL, 0, "statistic");
      // The exact path agrees to ~1e-12 (its recursion is rearranged for speed); the asymptotic
      // path ports scipy's kstwo branch by branch (Durbin, Pomeranz, Pelz–Good, Smirnov) and
      // agrees to ~1e-13. Both are well inside 1e-9 relative / 1e-12 absolute.
      expectPValue(r.pValue, c.ks.pValue, "pValue");
    });
  }

  it("is symmetric in its arguments", () => {
    const [ref, cur] = samples(ORACLE.continuous[1]);
    expect(ks(cur, ref)).toEqual(ks(ref, cur));
  });

  it("returns D = 0 and p = 1 for identical samples", () => {
    const s = toWeightedSample([0.5, 1, 1, 2, 7]);
    expect(ks(s, s)).toEqual({ statistic: 0, pValue: 1 });
  });

  it("keeps D in [0, 1] and the p-value in [0, 1]", () => {
    const arb = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const r = ks(toWeightedSample(a), toWeightedSample(b));
        return r.statistic >= 0 && r.statistic <= 1 && r.pValue >= 0 && r.pValue <= 1;
      }),
    );
  });

  it("computes the exact p-value for 10000 vs 9999 values quickly, even for a large D", () => {
    const ref = toWeightedSample(Array.from({ length: 10_000 }, (_, i) => i));
    const cur = toWeightedSample(Array.from({ length: 9_999 }, (_, i) => i + 6000.5));
    ks(ref, cur); // warm the JIT
    const before = process.cpuUsage();
    const r = ks(ref, cur);
    const cpuMs = process.cpuUsage(before).user / 1000;
    expect(r.statistic).toBeCloseTo(0.6, 3);
    expect(r.pValue).toBe(0); // below 1e-20: see ksExactPValue
    expect(cpuMs).toBeLessThan(250);
  });

  it("names itself when a sample is empty", () => {
    const empty = { values: new Float64Array(0), weights: new Float64Array(0) };
    expect(() => ks(empty, toWeightedSample([1]))).toThrow(InvalidStatsInputError);
    expect(() => ks(empty, toWeightedSample([1]))).toThrow("ks requires a non-empty reference sample");
  });

  it("accepts non-integer weights, as sketch centroids carry", () => {
    const ref = { values: Float64Array.of(0, 1, 2, 3, 4), weights: Float64Array.of(10.5, 20.25, 30, 20.25, 10.5) };
    const cur = { values: Float64Array.of(0.5, 1.5, 2.5, 3.5), weights: Float64Array.of(12.4, 30.1, 30.2, 12.3) };
    const r = ks(ref, cur);
    expect(Number.isFinite(r.statistic)).toBe(true);
    expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
  });
});
