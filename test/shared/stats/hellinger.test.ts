// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (√(1 − Σ √(r·c)) in NumPy, proportions r and c).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hellinger } from "../../../shared/stats/index.ts";
import { BINNED_CASES } from "./binned.ts";
import { STAT_REL, expectClose } from "./oracle.ts";

describe("hellinger", () => {
  it("returns the documented examples", () => {
    expect(hellinger([1, 0], [0, 1])).toBe(1);
    expect(hellinger([1, 1], [1, 3])).toBe(0.18459191128251476);
  });

  for (const c of BINNED_CASES) {
    it(`agrees with the NumPy definition: ${c.name}`, () => {
      expectClose(hellinger(c.ref, c.cur), c.hellinger, STAT_REL, 0, c.name);
    });
  }

  it("stays within [0, 1]", () => {
    const counts = fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }).filter((a) => a.some((x) => x > 0));
    fc.assert(fc.property(counts, counts, (a, b) => {
      const h = hellinger(a, b);
      return h >= 0 && h <= 1;
    }));
  });

  it("clamps round-off below zero to 0", () => {
    expect(hellinger([1, 1, 1], [1, 1, 1])).toBe(0);
  });

  it("requires at least one bin", () => {
    expect(() => hellinger([], [])).toThrow("hellinger requires at least one bin");
  });
});
