import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeDistributions } from "../../../shared/profile/distribution.ts";
import { quantileOfDistribution } from "../../../shared/profile/distribution-query.ts";
import { serialiseProfile } from "../../../shared/profile/serialise.ts";
import type { TDigestDistribution } from "../../../shared/profile/types.ts";
import { columnOf } from "./support/build.ts";
import { draw } from "./support/random.ts";

function digestOf(values: ArrayLike<number>, compression?: number): TDigestDistribution {
  const d = columnOf(values, { exactDistinctCap: 10, compression }).numeric!.distribution;
  if (d.kind !== "tdigest") throw new Error("expected a digest");
  return d;
}

describe("t-digest", () => {
  it("gives the same JSON for the same values in the same order", () => {
    const x = draw("lognormal", 200_000, 11);
    expect(JSON.stringify(digestOf(x))).toBe(JSON.stringify(digestOf(x)));
  });

  it("merges commutatively to the byte", () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 11, maxLength: 400 }),
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 11, maxLength: 400 }),
      (xs, ys) => {
        const a = columnOf(xs, { exactDistinctCap: 10, compression: 20 }).numeric!.distribution;
        const b = columnOf(ys, { exactDistinctCap: 10, compression: 20 }).numeric!.distribution;
        expect(JSON.stringify(mergeDistributions(a, b, 10, 20))).toBe(JSON.stringify(mergeDistributions(b, a, 10, 20)));
      },
    ), { numRuns: 300 });
  });

  it("keeps at most compression + 1 centroids and stays under 100 KB of JSON for 10^6 values", () => {
    const d = digestOf(draw("heavyTailed", 1_000_000, 12));
    expect(d.means.length).toBeLessThanOrEqual(d.compression + 1);
    expect(JSON.stringify(d).length).toBeLessThan(100_000);
  });

  it("keeps exact min and max", () => {
    const x = draw("normal", 100_000, 13);
    const d = digestOf(x);
    expect([d.min, d.max]).toEqual([Math.min(...x), Math.max(...x)]);
  });

  it("keeps heavy ties as point centroids", () => {
    const x = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? 42 : i));
    const d = digestOf(x);
    const atTie = d.means.map((m, i) => [m, i] as const).filter(([m]) => m === 42).map(([, i]) => i);
    expect(atTie.length).toBeGreaterThan(0);
    for (const i of atTie) expect(d.points.includes(i) || d.weights[i] === 1).toBe(true);
    expect(quantileOfDistribution(d, 0.3)).toBe(42);
  });

  it("serialises a profile with digests deterministically", () => {
    const x = draw("bimodal", 50_000, 14);
    expect(serialiseProfile(columnProfile(x))).toBe(serialiseProfile(columnProfile(x)));
  });
});

function columnProfile(x: Float64Array) {
  const col = columnOf(x);
  return { formatVersion: 1 as const, rows: x.length, malformedRows: 0, timestamps: { min: null, max: null, missing: 0 },
    ids: { count: 0, distinct: 0, duplicates: 0, approximate: false }, versions: { values: [], counts: [], other: 0 },
    features: { x: col }, prediction: null, score: null, label: null, latency: null, droppedFeatures: 0 };
}
