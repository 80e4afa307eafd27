import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sumSorted, WeightedRuns } from "../../../shared/profile/weighted-runs.ts";

const runArb = fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }).map((x) => x / 4), fc.integer({ min: 1, max: 3 })), { maxLength: 30 })
  .map((pairs) => pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]));

describe("WeightedRuns", () => {
  it("sorts appended runs into one, by value then weight", () => {
    fc.assert(fc.property(fc.array(runArb, { maxLength: 20 }), (runs) => {
      const r = new WeightedRuns(4);
      for (const run of runs) r.append(run.map((p) => p[0]), run.map((p) => p[1]));
      r.sort();
      const expected = runs.flat().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const weights = r.unitWeights ? expected.map(() => 1) : Array.from(r.weights.subarray(0, r.length));
      expect(Array.from(r.values.subarray(0, r.length))).toEqual(expected.map((p) => p[0]));
      expect(weights).toEqual(expected.map((p) => p[1]));
    }), { numRuns: 300 });
  });

  it("keeps unit weights implicit until a weight is not 1", () => {
    const r = new WeightedRuns(0);
    r.append([2, 3], [1, 1]);
    expect(r.unitWeights).toBe(true);
    r.append([1], [5]);
    r.sort();
    expect([r.unitWeights, Array.from(r.values.subarray(0, 3)), Array.from(r.weights.subarray(0, 3))]).toEqual([false, [1, 2, 3], [5, 1, 1]]);
    r.clear();
    expect([r.length, r.unitWeights]).toEqual([0, true]);
  });
});

describe("sumSorted", () => {
  it("merges a union with a sorted run, summing equal values", () => {
    const out = [new Float64Array(6), new Float64Array(6)];
    const n = sumSorted(Float64Array.of(1, 2), Float64Array.of(1, 1), 2, Float64Array.of(2, 2, 3, 3), Float64Array.of(1, 1, 1, 2), 4, out[0], out[1]);
    expect([n, Array.from(out[0].subarray(0, n)), Array.from(out[1].subarray(0, n))]).toEqual([3, [1, 2, 3], [1, 3, 3]]);
  });

  it("counts a null run weight as 1", () => {
    const out = [new Float64Array(3), new Float64Array(3)];
    const n = sumSorted(Float64Array.of(5), Float64Array.of(2), 1, Float64Array.of(5, 6), null, 2, out[0], out[1]);
    expect([n, Array.from(out[1].subarray(0, n))]).toEqual([2, [3, 1]]);
  });
});
