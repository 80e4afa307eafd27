import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ExactSum, exactSumOf } from "../../../shared/metrics/exactSum.ts";
import { exactSumAddSquare, sumOfSquaredDeviations, twoProduct } from "../../../shared/metrics/exactProduct.ts";

describe("twoProduct", () => {
  it("returns the rounded product and its rounding error", () => {
    expect(twoProduct(0.1, 0.1)).toEqual([0.010000000000000002, -8.326672684688674e-19]);
  });

  it("is exact: product + error equals a·b", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), (a, b) => {
        const [p, e] = twoProduct(a, b);
        expect(BigInt(p) + BigInt(e)).toBe(BigInt(a) * BigInt(b));
      }),
    );
  });
});

describe("exactSumAddSquare", () => {
  it("adds the product and its rounding error", () => {
    const s: ExactSum = [];
    exactSumAddSquare(s, 0.1);
    expect(s.length).toBe(2);
  });
});

describe("sumOfSquaredDeviations", () => {
  it("is exact where the textbook formula cancels", () => {
    const ys = [1e8 + 1, 1e8 + 2, 1e8 + 3];
    const s2: ExactSum = [];
    for (const y of ys) exactSumAddSquare(s2, y);
    expect(sumOfSquaredDeviations(3, exactSumOf(ys), s2)).toBe(2);
  });

  it("is exactly 0 for constant values", () => {
    const ys = new Array(7).fill(0.1);
    const s2: ExactSum = [];
    for (const y of ys) exactSumAddSquare(s2, y);
    expect(sumOfSquaredDeviations(7, exactSumOf(ys), s2)).toBe(0);
  });

  it("matches n·Σy² − (Σy)² in BigInt arithmetic for integers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: 1, maxLength: 30 }), (ys) => {
        const s2: ExactSum = [];
        for (const y of ys) exactSumAddSquare(s2, y);
        const n = BigInt(ys.length);
        const sum = ys.reduce((a, y) => a + BigInt(y), 0n);
        const sumSq = ys.reduce((a, y) => a + BigInt(y) * BigInt(y), 0n);
        expect(sumOfSquaredDeviations(ys.length, exactSumOf(ys), s2)).toBe(Number(n * sumSq - sum * sum) / ys.length);
      }),
    );
  });

  it("returns 0 for no observations and rejects a bad count", () => {
    expect(sumOfSquaredDeviations(0, [], [])).toBe(0);
    expect(() => sumOfSquaredDeviations(1.5, [], [])).toThrow("sumOfSquaredDeviations requires a non-negative integer count, got 1.5");
  });
});
