// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (numpy.unique(numpy.quantile(ref, k/10 for k = 1..9))).
import { describe, expect, it } from "vitest";
import { binEdges, toWeightedSample } from "../../../shared/stats/index.ts";
import { ORACLE } from "./oracle.ts";

describe("binEdges", () => {
  it("returns the documented examples", () => {
    expect(binEdges(toWeightedSample([1, 2, 3, 4, 5]), 4)).toEqual([2, 3, 4]);
    expect(binEdges(toWeightedSample([7, 7, 7]))).toEqual([7]);
  });

  for (const c of ORACLE.continuous) {
    it(`matches NumPy's reference deciles to the last bit: ${c.name}`, () => {
      expect(binEdges(toWeightedSample(c.ref))).toEqual(c.bins.edges);
    });
  }

  ORACLE.quantiles.forEach((c, i) => {
    it(`removes duplicate quantiles as numpy.unique does (array ${i})`, () => {
      expect(binEdges(toWeightedSample(c.values), 10)).toEqual(c.edges10);
    });
  });

  it("gives no edges (one bin) for a single bin", () => {
    expect(binEdges(toWeightedSample([1, 2, 3]), 1)).toEqual([]);
  });

  it("refuses a bin count that is not a positive integer", () => {
    expect(() => binEdges(toWeightedSample([1, 2]), 0)).toThrow("binEdges requires an integer bin count ≥ 1, got 0");
    expect(() => binEdges(toWeightedSample([1, 2]), 2.5)).toThrow("binEdges requires an integer bin count ≥ 1, got 2.5");
  });
});
