// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.wasserstein_distance on the raw arrays).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toWeightedSample, wasserstein } from "../../../shared/stats/index.ts";
import { ORACLE, STAT_REL, expectClose, samples } from "./oracle.ts";

describe("wasserstein", () => {
  it("returns the documented examples", () => {
    expect(wasserstein(toWeightedSample([0, 1, 3]), toWeightedSample([5, 6, 8]))).toBe(5);
    expect(wasserstein(toWeightedSample([0, 1]), toWeightedSample([0, 1]))).toBe(0);
  });

  for (const c of ORACLE.continuous) {
    it(`agrees with scipy.stats.wasserstein_distance: ${c.name}`, () => {
      const [ref, cur] = samples(c);
      // Identical inputs give exactly 0 on both sides; otherwise relative agreement.
      expectClose(wasserstein(ref, cur), c.wasserstein, STAT_REL, 0, c.name);
    });
  }

  it("equals the shift when a whole sample moves", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -50, max: 50 }),
        (a, shift) => {
          const w = wasserstein(toWeightedSample(a), toWeightedSample(a.map((x) => x + shift)));
          return Math.abs(w - Math.abs(shift)) <= 1e-12 * Math.max(1, Math.abs(shift));
        },
      ),
    );
  });

  it("treats weights as counts", () => {
    const weighted = { values: Float64Array.of(0, 4), weights: Float64Array.of(3, 1) };
    expect(wasserstein(weighted, toWeightedSample([0, 0, 0, 4]))).toBe(0);
  });

  it("names itself when a sample breaks the WeightedSample contract", () => {
    const unsorted = { values: Float64Array.of(2, 1), weights: Float64Array.of(1, 1) };
    expect(() => wasserstein(unsorted, toWeightedSample([1]))).toThrow(
      "wasserstein requires strictly increasing values in reference (index 1)",
    );
  });
});
