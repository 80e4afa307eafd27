// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (numpy.quantile(values, p), default "linear" method).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileWeighted, quantilesWeighted, toWeightedSample } from "../../../shared/stats/index.ts";
import { ORACLE } from "./oracle.ts";

describe("quantileWeighted", () => {
  it("returns the documented examples", () => {
    const s = { values: Float64Array.of(1, 2, 10), weights: Float64Array.of(2, 1, 1) };
    expect(quantileWeighted(s, 0.5)).toBe(1.5);
    expect(quantileWeighted(s, 0.75)).toBe(4);
    expect(quantilesWeighted("binEdges", toWeightedSample([1, 2, 3, 4]), [0.25, 0.5])).toEqual([1.75, 2.5]);
  });

  ORACLE.quantiles.forEach((c, i) => {
    it(`matches numpy.quantile to the last bit (array ${i}, n = ${c.values.length})`, () => {
      const s = toWeightedSample(c.values);
      expect(c.ps.map((p) => quantileWeighted(s, p))).toEqual(c.quantiles);
    });
  });

  it("is monotone in p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const s = toWeightedSample(values);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          return quantileWeighted(s, lo) <= quantileWeighted(s, hi);
        },
      ),
    );
  });

  it("returns the minimum and maximum at 0 and 1", () => {
    const s = toWeightedSample([4, -2, 9, 9]);
    expect([quantileWeighted(s, 0), quantileWeighted(s, 1)]).toEqual([-2, 9]);
  });

  it("refuses p outside [0, 1] and empty samples", () => {
    expect(() => quantileWeighted(toWeightedSample([1]), 1.5)).toThrow("quantileWeighted requires a quantile in [0, 1], got 1.5");
    expect(() => quantileWeighted(toWeightedSample([]), 0.5)).toThrow("quantileWeighted requires a non-empty sample sample");
  });
});
