// Reference values are closed forms; chi2Sf.test.ts checks the same code against scipy 1.17
// (via test/oracles/drift.py) across degrees of freedom and tails.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erfc, regularizedGammaP, regularizedGammaQ } from "../../../shared/stats/index.ts";
import { expectClose } from "./oracle.ts";

describe("regularizedGammaQ", () => {
  it("returns the documented examples", () => {
    expect(regularizedGammaQ(1, 2)).toBe(0.1353352832366127);
    expect(regularizedGammaQ(0.5, 700)).toBe(2.1010145162644003e-306);
  });

  it("equals e^(−x) for a = 1 and erfc(√x) for a = 1/2", () => {
    for (const x of [0.01, 0.3, 0.7, 1.5, 10, 100]) {
      expectClose(regularizedGammaQ(1, x), Math.exp(-x), 1e-14, 0, `a = 1, x = ${x}`);
      expectClose(regularizedGammaQ(0.5, x), erfc(Math.sqrt(x)), 1e-13, 0, `a = 1/2, x = ${x}`);
    }
  });

  it("complements regularizedGammaP", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 60, noNaN: true }), fc.double({ min: 0.001, max: 120, noNaN: true }), (a, x) =>
        Math.abs(regularizedGammaP(a, x) + regularizedGammaQ(a, x) - 1) < 1e-13,
      ),
    );
  });

  it("handles the ends of its domain", () => {
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaQ(2, Infinity)).toBe(0);
    expect(regularizedGammaQ(0, 1)).toBeNaN();
    expect(regularizedGammaQ(1, -1)).toBeNaN();
  });
});

describe("regularizedGammaP", () => {
  it("returns the documented example", () => {
    expect(regularizedGammaP(1, 2)).toBe(0.8646647167633873);
  });

  it("is 0 at 0 and 1 at infinity", () => {
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaP(3, Infinity)).toBe(1);
  });
});
