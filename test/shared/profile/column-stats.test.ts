import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  categoryCounts, cdf, mean, missingCount, nonNullCount, quantile, std, weightedSample,
} from "../../../shared/profile/column-stats.ts";
import { ProfileArgumentError } from "../../../shared/profile/errors.ts";
import { columnOf, profileOf, record } from "./support/build.ts";

// Expected values from numpy.quantile (linear); see fixtures/generate_numpy_quantiles.py (numpy 2.4.6).
const fixture = JSON.parse(readFileSync(new URL("./fixtures/numpy-quantiles.json", import.meta.url), "utf8")) as {
  numpy: string;
  cases: Array<{ name: string; values: number[]; ps: number[]; quantiles: number[] }>;
};

describe("quantile", () => {
  for (const c of fixture.cases) {
    it(`equals numpy.quantile bit for bit on ${c.name}`, () => {
      const col = columnOf(c.values);
      expect(c.ps.map((p) => quantile(col, p))).toEqual(c.quantiles);
    });
  }

  it("is monotone in p", () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
      fc.integer({ min: 2, max: 50 }),
      (values, ps, cap) => {
        const col = columnOf(values, { exactDistinctCap: cap, compression: 50 });
        const qs = [...ps].sort((a, b) => a - b).map((p) => quantile(col, p));
        for (let i = 1; i < qs.length; i++) expect(qs[i]).toBeGreaterThanOrEqual(qs[i - 1]);
      },
    ));
  });

  it("stays within [min, max] for a digest", () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 20, maxLength: 300 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (values, p) => {
        const col = columnOf(values, { exactDistinctCap: 2, compression: 20 });
        const q = quantile(col, p);
        expect(q).toBeGreaterThanOrEqual(col.numeric!.min!);
        expect(q).toBeLessThanOrEqual(col.numeric!.max!);
      },
    ));
  });

  it("returns NaN for a column without finite numbers", () => {
    expect(quantile(columnOf(["a", NaN, null]), 0.5)).toBeNaN();
  });

  it("throws for p outside [0, 1]", () => {
    expect(() => quantile(columnOf([1, 2]), 1.5)).toThrow(ProfileArgumentError);
    expect(() => quantile(columnOf([1, 2]), NaN)).toThrow("quantile requires p in [0, 1], got NaN");
  });

  it("returns the tied value inside a heavy tie of a digest", () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 10 < 4 ? 0 : i));
    const col = columnOf(values);
    expect(col.numeric!.distribution.kind).toBe("tdigest");
    for (const p of [0.05, 0.2, 0.35]) expect(quantile(col, p)).toBe(0);
  });
});

describe("std", () => {
  it("matches numpy.std with ddof 0 and 1", () => {
    const col = columnOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(std(col)).toBeCloseTo(2, 12);
    expect(std(col, 1)).toBeCloseTo(2.138089935299395, 12);
  });

  it("returns NaN when count ≤ ddof", () => {
    expect(std(columnOf([1]), 1)).toBeNaN();
  });
});

describe("mean", () => {
  it("averages finite numbers only", () => {
    expect(mean(columnOf([1, 2, 3, NaN, Infinity, "x", null]))).toBe(2);
  });
});

describe("cdf", () => {
  it("gives the share of values at or below x", () => {
    const col = columnOf([1, 2, 2, 3]);
    expect([cdf(col, 0), cdf(col, 1), cdf(col, 2), cdf(col, 2.5), cdf(col, 3)]).toEqual([0, 0.25, 0.75, 0.75, 1]);
  });
});

describe("weightedSample", () => {
  it("gives exact values with counts", () => {
    const s = weightedSample(columnOf([3, 1, 3, 2, 3]));
    expect(Array.from(s.values)).toEqual([1, 2, 3]);
    expect(Array.from(s.weights)).toEqual([1, 1, 3]);
  });

  it("gives strictly increasing centroids whose weights sum to the count for a digest", () => {
    const values = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? 7 : Math.sin(i) * 100));
    const col = columnOf(values);
    const s = weightedSample(col);
    for (let i = 1; i < s.values.length; i++) expect(s.values[i]).toBeGreaterThan(s.values[i - 1]);
    expect(s.weights.reduce((a, b) => a + b, 0)).toBe(50_000);
  });
});

describe("categoryCounts", () => {
  it("lists numbers as String(n) beside strings and booleans", () => {
    const { counts, other } = categoryCounts(columnOf(["a", 1, true, 1, "1", NaN, false, "a"]));
    expect(Object.fromEntries(counts)).toEqual({ a: 2, "1": 3, true: 1, false: 1, NaN: 1 });
    expect(other).toBe(0);
  });

  it("counts numbers in other once the numeric part is a digest", () => {
    const values: Array<number | string> = Array.from({ length: 30 }, (_, i) => i);
    values.push("a");
    const { counts, other } = categoryCounts(columnOf(values, { exactDistinctCap: 10 }));
    expect(Object.fromEntries(counts)).toEqual({ a: 1 });
    expect(other).toBe(30);
  });
});

describe("missingCount", () => {
  it("counts absent keys, null and empty strings", () => {
    const p = profileOf([
      record([["x", 1]]), record([["x", null]]), record([["x", ""]]), record([]), record([["x", NaN]]),
    ]);
    expect(nonNullCount(p.features.x)).toBe(2);
    expect(missingCount(p.features.x, p.rows)).toBe(3);
    expect(missingCount(p.features.nope, p.rows)).toBe(5);
  });
});
