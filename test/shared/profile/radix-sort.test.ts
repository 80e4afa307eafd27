import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortedFloat64, sortFloat64 } from "../../../shared/profile/radix-sort.ts";
import { Rng } from "./support/random.ts";

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

  // Each key the sort picks (bits of one sign, wide or narrow span; linear across signs; the
  // native fallbacks), at buffer sizes around the index widths (8,192 = 13 bits, 10,000 = 14).
  const rng = new Rng(11);
  const cases: Record<string, () => number> = {
    "one sign, wide span": () => Math.exp(rng.normal() * 3),
    "one sign, narrow span (epoch ms)": () => 1.7e12 + rng.int(86_400_000),
    "one value": () => 42.5,
    "negatives only": () => -1 - 100 * rng.uniform(),
    "both signs (linear key)": () => rng.normal(),
    "both signs, heavy tail": () => (rng.uniform() < 0.001 ? 1e300 : 1) * rng.normal(),
    "both signs, span overflows": () => (rng.uniform() < 0.5 ? -1 : 1) * Number.MAX_VALUE * rng.uniform(),
    "zeros and positives": () => (rng.uniform() < 0.5 ? 0 : 1 + 999 * rng.uniform()),
    "-0, 0 and ties": () => [-0, 0, 1, -1, 2.5][rng.int(5)],
    "subnormals": () => (rng.uniform() - 0.5) * 1e-310,
  };
  for (const [name, draw] of Object.entries(cases)) {
    it(`sorts ${name} like the native sort at every size`, () => {
      for (const n of [255, 256, 257, 4096, 8191, 8192, 10_000, 65_536, 65_537]) {
        const xs = Float64Array.from({ length: n + 3 }, draw);
        const before = Float64Array.from(xs);
        const expected = Float64Array.from(xs.subarray(0, n)).sort();
        const s = sortedFloat64(xs, n);
        expect(Array.from(s.subarray(0, n)).map((x) => x + 0)).toEqual(Array.from(expected).map((x) => x + 0));
        // The input is left as it was unless it was sorted in place.
        if (s !== xs) expect(xs).toEqual(before);
        expect(Array.from(xs.subarray(n))).toEqual(Array.from(before.subarray(n)));
      }
    });
  }
});
