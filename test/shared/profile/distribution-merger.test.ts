import { describe, expect, it } from "vitest";
import { mergeDistributions } from "../../../shared/profile/distribution.ts";
import { DistributionMerger } from "../../../shared/profile/distribution-merger.ts";
import { TDigestBuilder } from "../../../shared/profile/tdigest-builder.ts";
import type { Distribution, ExactDistribution, TDigestDistribution } from "../../../shared/profile/types.ts";

const exact = (values: number[], counts = values.map(() => 1)): ExactDistribution => ({ kind: "exact", values, counts });

function mergeAll(ds: Distribution[], cap = 10_000, compression = 3000): Distribution {
  const m = new DistributionMerger(cap, compression);
  for (const d of ds) m.add(d);
  return m.result();
}

function digestOf(values: number[], compression: number): TDigestDistribution {
  const b = new TDigestBuilder(compression);
  for (const v of values) b.add(v);
  return b.toDistribution();
}

const total = (d: Distribution) => (d.kind === "exact" ? d.counts : d.weights).reduce((a, b) => a + b, 0);

describe("DistributionMerger", () => {
  it("sums exact distributions into the sorted union", () => {
    expect(mergeAll([exact([1, 2]), exact([2], [3]), exact([-1, 0, 2.5])])).toEqual(exact([-1, 0, 1, 2, 2.5], [1, 1, 1, 4, 1]));
  });

  it("equals pairwise merges of many exact distributions, through several buffers", () => {
    const ds = Array.from({ length: 300 }, (_, p) => exact(Array.from({ length: 60 }, (_, i) => ((i * 37 + p * 11) % 2003) / 7)
      .sort((a, b) => a - b).filter((v, i, a) => i === 0 || v !== a[i - 1])));
    expect(mergeAll(ds)).toEqual(ds.reduce<Distribution>((a, b) => mergeDistributions(a, b, 10_000, 3000), exact([])));
  });

  it("stays exact with exactly cap distinct values and becomes a digest with one more", () => {
    expect(mergeAll([exact([1, 2]), exact([3, 4])], 4).kind).toBe("exact");
    const d = mergeAll([exact([1, 2]), exact([3, 4, 5])], 4, 50);
    expect(d).toMatchObject({ kind: "tdigest", compression: 50, min: 1, max: 5 });
    expect(total(d)).toBe(5);
  });

  it("keeps heavy ties as point centroids once it is a digest", () => {
    const parts = Array.from({ length: 50 }, (_, p) => exact([0, ...Array.from({ length: 40 }, (_, i) => 1 + p * 40 + i)], [1000, ...Array(40).fill(1)]));
    const d = mergeAll(parts, 100, 100) as TDigestDistribution;
    expect(d.kind).toBe("tdigest");
    expect(total(d)).toBe(50 * 1040);
    const zeros = d.means.flatMap((m, i) => (m === 0 ? [i] : []));
    expect(zeros.map((i) => d.weights[i]).reduce((a, b) => a + b, 0)).toBe(50_000);
    for (const i of zeros) if (d.weights[i] > 1) expect(d.points).toContain(i);
    expect([d.min, d.max]).toEqual([0, 2000]);
  });

  it("merges digests at the largest of their compressions, with exact min and max", () => {
    const a = digestOf(Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 10), 100);
    const b = digestOf(Array.from({ length: 5000 }, (_, i) => 20 + Math.cos(i)), 300);
    const d = mergeAll([a, exact([-50, 50]), b]) as TDigestDistribution;
    expect(d).toMatchObject({ kind: "tdigest", compression: 300, min: -50, max: 50 });
    expect(total(d)).toBe(10_002);
    expect(d.means.length).toBeLessThanOrEqual(301);
    for (let i = 1; i < d.means.length; i++) expect(d.means[i]).toBeGreaterThanOrEqual(d.means[i - 1]);
  });

  it("returns a single input as it was", () => {
    const d = digestOf([1, 2, 3], 50);
    expect(mergeAll([d])).toBe(d);
  });

  it("counts -0 as 0", () => {
    expect(mergeAll([exact([-0, 1]), exact([0])])).toEqual(exact([0, 1], [2, 1]));
  });
});
