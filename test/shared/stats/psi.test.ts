// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (Σ (c − r)·ln(c/r) in NumPy with proportions of 0 replaced by 0.0001).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidStatsInputError, psi } from "../../../shared/stats/index.ts";
import { BINNED_CASES } from "./binned.ts";
import { STAT_REL, expectClose } from "./oracle.ts";

const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }).filter((a) => a.some((x) => x > 0));

describe("psi", () => {
  it("returns the documented examples", () => {
    expect(psi([50, 50], [50, 50])).toBe(0);
    expect(psi([60, 40], [40, 60])).toBe(0.1621860432432657);
  });

  for (const c of BINNED_CASES) {
    it(`agrees with the NumPy definition: ${c.name}`, () => {
      expectClose(psi(c.ref, c.cur), c.psi, STAT_REL, 0, c.name);
    });
  }

  it("is 0 for a distribution compared with itself", () => {
    fc.assert(fc.property(counts, (a) => psi(a, a) === 0));
  });

  it("is 0 for proportional counts and never negative", () => {
    fc.assert(fc.property(counts, counts, (a, b) => {
      const n = Math.min(a.length, b.length);
      if (!a.slice(0, n).some((x) => x > 0) || !b.slice(0, n).some((x) => x > 0)) return true;
      return psi(a.slice(0, n), b.slice(0, n)) >= 0 && psi(a, a.map((x) => 3 * x)) === 0;
    }));
  });

  it("requires at least one bin", () => {
    expect(() => psi([], [])).toThrow(InvalidStatsInputError);
    expect(() => psi([], [])).toThrow("psi requires at least one bin");
  });

  it("requires arrays of equal length and valid counts", () => {
    expect(() => psi([1, 2], [1])).toThrow("psi requires count arrays of equal length (2 vs 1)");
    expect(() => psi([1, -2], [1, 1])).toThrow("psi requires finite non-negative reference counts, got -2 at bin 1");
    expect(() => psi([0, 0], [1, 1])).toThrow("psi requires a non-empty reference distribution");
  });
});
