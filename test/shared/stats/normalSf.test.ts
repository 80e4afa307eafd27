// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py (scipy.stats.norm.sf).
import { describe, expect, it } from "vitest";
import { normalSf } from "../../../shared/stats/index.ts";
import { ORACLE, expectClose } from "./oracle.ts";

describe("normalSf", () => {
  it("returns the documented examples", () => {
    expect(normalSf(0)).toBe(0.5);
    expect(normalSf(1.96)).toBe(0.024997895148220435);
    expect(normalSf(30)).toBe(4.906713927147908e-198);
  });

  for (const [x, expected] of ORACLE.special.normalSf) {
    it(`agrees with scipy.stats.norm.sf(${x}) to 1e-15 relative, through the far tail`, () => {
      expectClose(normalSf(x), expected, 1e-15, 0, `x = ${x}`);
    });
  }

  it("is NaN for NaN", () => {
    expect(normalSf(NaN)).toBeNaN();
  });
});
