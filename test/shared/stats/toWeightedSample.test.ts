// Builds the WeightedSample that tests feed with the raw arrays of test/oracles/drift.py
// (scipy 1.17 / numpy 2.4); its contract is that of shared/types.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toWeightedSample, validateSample } from "../../../shared/stats/index.ts";

describe("toWeightedSample", () => {
  it("returns the documented example", () => {
    const s = toWeightedSample([3, 1, 3]);
    expect([...s.values]).toEqual([1, 3]);
    expect([...s.weights]).toEqual([1, 2]);
  });

  it("counts -0 and 0 as one value", () => {
    expect([...toWeightedSample([0, -0, 0]).weights]).toEqual([3]);
  });

  it("always yields a valid sample of the same total weight", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), (a) =>
        validateSample("test", "sample", toWeightedSample(a)) === a.length,
      ),
    );
  });

  it("refuses NaN and infinities", () => {
    expect(() => toWeightedSample([1, NaN])).toThrow("toWeightedSample requires finite values, got NaN");
    expect(() => toWeightedSample([Infinity])).toThrow("toWeightedSample requires finite values, got Infinity");
  });
});
