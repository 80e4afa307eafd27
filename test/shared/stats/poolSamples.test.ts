// Helpers behind the two-sample statistics; the statistics themselves are checked against
// scipy 1.17 / numpy 2.4 via test/oracles/drift.py.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageRanks, poolSamples, pooledEcdfs, toWeightedSample } from "../../../shared/stats/index.ts";

const sample = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 40 });

describe("poolSamples", () => {
  it("returns the documented example", () => {
    const p = poolSamples(
      { values: Float64Array.of(1, 3), weights: Float64Array.of(1, 1) },
      { values: Float64Array.of(2, 3), weights: Float64Array.of(2, 1) },
    );
    expect([...p.values]).toEqual([1, 2, 3]);
    expect([...p.weightsA]).toEqual([1, 0, 1]);
    expect([...p.weightsB]).toEqual([0, 2, 1]);
    expect([p.totalA, p.totalB]).toEqual([2, 3]);
  });

  it("equals the weighted sample of the concatenation", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const p = poolSamples(toWeightedSample(a), toWeightedSample(b));
        const both = toWeightedSample([...a, ...b]);
        return (
          p.values.join() === both.values.join() &&
          [...p.weightsA].map((w, i) => w + p.weightsB[i]).join() === both.weights.join()
        );
      }),
    );
  });
});

describe("pooledEcdfs", () => {
  it("returns the documented example", () => {
    const e = pooledEcdfs(poolSamples(toWeightedSample([1, 2]), toWeightedSample([2, 3])));
    expect([...e.cdfA]).toEqual([0.5, 1, 1]);
    expect([...e.cdfB]).toEqual([0, 0.5, 1]);
  });

  it("ends at 1 for both samples", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const e = pooledEcdfs(poolSamples(toWeightedSample(a), toWeightedSample(b)));
        return e.cdfA[e.cdfA.length - 1] === 1 && e.cdfB[e.cdfB.length - 1] === 1;
      }),
    );
  });
});

describe("averageRanks", () => {
  it("returns the documented example", () => {
    expect([...averageRanks(poolSamples(toWeightedSample([1, 2, 2]), toWeightedSample([2, 5])))]).toEqual([1, 3, 5]);
  });

  it("gives ranks whose weighted sum is N(N + 1)/2", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const p = poolSamples(toWeightedSample(a), toWeightedSample(b));
        const r = averageRanks(p);
        const total = r.reduce((s, x, i) => s + x * (p.weightsA[i] + p.weightsB[i]), 0);
        const n = a.length + b.length;
        return total === (n * (n + 1)) / 2;
      }),
    );
  });
});
