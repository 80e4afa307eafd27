import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSorted } from "../../../shared/profile/histogram.ts";

/** Bin of x by definition: the number of edges ≤ x (bins closed on the left). */
function binOf(edges: number[], x: number): number {
  return edges.filter((e) => e <= x).length;
}

describe("countSorted", () => {
  const edgesArb = fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 12 }).map((es) => es.sort((a, b) => a - b));
  const valuesArb = fc.array(fc.oneof(fc.integer({ min: -60, max: 60 }), fc.double({ min: -60, max: 60, noNaN: true })), { maxLength: 300 });

  it("counts unit-weight values by edge positions as a bin per value would (values on edges, ties, empty bins)", () => {
    fc.assert(fc.property(edgesArb, valuesArb, (edges, xs) => {
      const values = Float64Array.from(xs).sort();
      const counts = new Float64Array(edges.length + 1).fill(1); // counts are added to
      countSorted(Float64Array.from(edges), values, null, values.length, counts);
      const expected = new Array<number>(edges.length + 1).fill(1);
      for (const x of values) expected[binOf(edges, x)]++;
      expect(Array.from(counts)).toEqual(expected);
    }), { numRuns: 300 });
  });

  it("gives the weighted path's counts when every weight is 1, and counts only [0, n)", () => {
    fc.assert(fc.property(edgesArb, valuesArb, fc.nat(300), (edges, xs, cut) => {
      const values = Float64Array.from(xs).sort();
      const n = Math.min(cut, values.length);
      const unit = new Float64Array(edges.length + 1);
      const weighted = new Float64Array(edges.length + 1);
      countSorted(Float64Array.from(edges), values, null, n, unit);
      countSorted(Float64Array.from(edges), values, new Float64Array(values.length).fill(1), n, weighted);
      expect(Array.from(unit)).toEqual(Array.from(weighted));
    }), { numRuns: 300 });
  });
});
