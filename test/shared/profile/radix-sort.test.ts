import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortFloat64 } from "../../../shared/profile/radix-sort.ts";

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe("sortFloat64", () => {
  it("sorts like Float64Array.prototype.sort", () => {
    fc.assert(fc.property(fc.array(finite, { minLength: 0, maxLength: 2000 }), fc.integer({ min: 0, max: 2000 }), (xs, cut) => {
      const a = Float64Array.from(xs);
      const n = Math.min(cut, a.length);
      const expected = Float64Array.from(a.subarray(0, n)).sort();
      sortFloat64(a, n);
      expect(Array.from(a.subarray(0, n)).map((x) => x + 0)).toEqual(Array.from(expected).map((x) => x + 0));
      expect(Array.from(a.subarray(n))).toEqual(xs.slice(n));
    }), { numRuns: 200 });
  });

  it("orders values that share their high 32 bits", () => {
    const a = Float64Array.from({ length: 5000 }, (_, i) => 1.7e12 + ((i * 7919) % 5000));
    sortFloat64(a, a.length);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
  });

  it("sorts mixed signs, subnormals and extremes", () => {
    const xs = [5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 0, -1, 1, 1e-300, -1e300];
    const a = Float64Array.from(Array.from({ length: 300 }, (_, i) => xs[i % xs.length] * (1 + (i % 7))));
    const expected = Float64Array.from(a).sort();
    sortFloat64(a, a.length);
    expect(Array.from(a)).toEqual(Array.from(expected));
  });
});
