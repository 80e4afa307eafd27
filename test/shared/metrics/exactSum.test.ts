import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ExactSum, exactSumAdd, exactSumCanonical, exactSumMerge, exactSumOf, exactSumValue } from "../../../shared/metrics/exactSum.ts";

describe("exactSumAdd", () => {
  it("keeps the low-order terms that cancellation would lose", () => {
    const s: ExactSum = [];
    for (const x of [1e100, 1, -1e100]) exactSumAdd(s, x);
    expect(exactSumValue(s)).toBe(1);
  });
});

describe("exactSumValue", () => {
  it("rounds the exact sum once", () => {
    const s: ExactSum = [];
    for (let i = 0; i < 10; i++) exactSumAdd(s, 0.1);
    expect(exactSumValue(s)).toBe(1);
  });

  it("is 0 for an empty sum", () => {
    expect(exactSumValue([])).toBe(0);
  });

  it("rounds half-way cases to even, as Number(BigInt) does", () => {
    // 2^53 + 1 is exactly half-way between two doubles; the partial 2^-20 decides upwards.
    expect(exactSumValue(exactSumOf([2 ** 53, 1, 2 ** -20]))).toBe(2 ** 53 + 2);
    expect(exactSumValue(exactSumOf([2 ** 53, 1]))).toBe(2 ** 53);
  });

  it("equals the correctly rounded exact sum of integer-valued terms", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), { maxLength: 40 }), (big) => {
        const terms = big.map((b) => Number(b));
        const exact = terms.reduce((acc, t) => acc + BigInt(t), 0n);
        expect(exactSumValue(exactSumOf(terms))).toBe(Number(exact));
      }),
    );
  });

  it("does not depend on the order of the terms", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 30 }), fc.nat(), (xs, seed) => {
        const shuffled = [...xs].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        expect(exactSumValue(exactSumOf(shuffled))).toBe(exactSumValue(exactSumOf(xs)));
      }),
    );
  });
});

describe("exactSumMerge", () => {
  it("adds two sums", () => {
    expect(exactSumValue(exactSumMerge([0.1], [0.2]))).toBe(0.30000000000000004);
  });

  it("gives deep-equal partials for any grouping and order", () => {
    const sums = fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 10 }).map((xs) => exactSumOf(xs));
    fc.assert(
      fc.property(sums, sums, sums, (a, b, c) => {
        const left = exactSumMerge(exactSumMerge(a, b), c);
        expect(exactSumMerge(a, exactSumMerge(b, c))).toEqual(left);
        expect(exactSumMerge(exactSumMerge(c, a), b)).toEqual(left);
      }),
    );
  });
});

describe("exactSumCanonical", () => {
  it("drops zero partials left by cancellation", () => {
    const s = exactSumOf([1e100, 1, -1e100]);
    expect(s).toEqual([1, 0]);
    expect(exactSumCanonical(s)).toEqual([1]);
  });
});

describe("exactSumOf", () => {
  it("builds a sum from terms", () => {
    expect(exactSumValue(exactSumOf([1, 2, 3]))).toBe(6);
  });
});
