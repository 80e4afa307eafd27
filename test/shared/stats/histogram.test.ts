// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (numpy.bincount(numpy.digitize(x, edges), minlength=len(edges) + 1)).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binEdges, histogram, toWeightedSample } from "../../../shared/stats/index.ts";
import { ORACLE } from "./oracle.ts";

describe("histogram", () => {
  it("returns the documented example", () => {
    expect([...histogram(toWeightedSample([1, 2, 2, 3, 9]), [2, 3])]).toEqual([1, 2, 2]);
  });

  for (const c of ORACLE.continuous) {
    it(`counts like numpy.digitize over the reference deciles: ${c.name}`, () => {
      const edges = binEdges(toWeightedSample(c.ref));
      expect([...histogram(toWeightedSample(c.ref), edges)]).toEqual(c.bins.refCounts);
      expect([...histogram(toWeightedSample(c.cur), edges)]).toEqual(c.bins.curCounts);
    });
  }

  it("puts values equal to an edge in the bin that edge opens", () => {
    expect([...histogram(toWeightedSample([1, 2, 3]), [1, 3])]).toEqual([0, 2, 1]);
  });

  it("keeps the total weight", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), (values) => {
        const s = toWeightedSample(values);
        const counts = histogram(s, binEdges(s));
        return counts.reduce((a, b) => a + b, 0) === values.length;
      }),
    );
  });

  it("refuses edges that are not strictly increasing", () => {
    expect(() => histogram(toWeightedSample([1]), [2, 2])).toThrow("histogram requires finite strictly increasing edges (index 1)");
  });
});
