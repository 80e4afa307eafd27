// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py (scipy.stats.chi2.sf).
import { describe, expect, it } from "vitest";
import { chi2Sf } from "../../../shared/stats/index.ts";
import { ORACLE, expectClose } from "./oracle.ts";

describe("chi2Sf", () => {
  it("returns the documented examples", () => {
    expect(chi2Sf(3.841458820694124, 1)).toBe(0.04999999999999989);
    expect(chi2Sf(100, 3)).toBe(1.5541594313896026e-21);
    expect(chi2Sf(2000, 3)).toBe(0);
  });

  for (const [x, dof, expected] of ORACLE.special.chi2Sf) {
    it(`agrees with scipy.stats.chi2.sf(${x}, ${dof}) to 1e-12 relative`, () => {
      // scipy and we both evaluate x^a·e^(−x)/Γ(a); for x near 700 its exponent carries
      // ~700·ε of rounding, so tails near 1e-300 agree to ~1e-13 rather than 1e-16.
      expectClose(chi2Sf(x, dof), expected, 1e-12, 0, `x = ${x}, dof = ${dof}`);
    });
  }

  it("is 1 at and below 0, NaN for a non-positive dof", () => {
    expect(chi2Sf(0, 3)).toBe(1);
    expect(chi2Sf(-1, 3)).toBe(1);
    expect(chi2Sf(1, 0)).toBeNaN();
  });
});
