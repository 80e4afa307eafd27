// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.special.gamma and scipy.special.gammaln).
import { describe, expect, it } from "vitest";
import { gamma, lgamma } from "../../../shared/stats/index.ts";
import { ORACLE, expectClose } from "./oracle.ts";

describe("gamma", () => {
  it("returns the documented examples", () => {
    expect(gamma(5)).toBe(24);
    expect(gamma(0.75)).toBe(1.2254167024651774);
  });

  for (const [x, expected] of ORACLE.special.gamma) {
    it(`agrees with scipy.special.gamma(${x})`, () => {
      expectClose(gamma(x), expected, 1e-15, 0, `x = ${x}`);
    });
  }

  it("is NaN outside x > 0", () => {
    expect(gamma(0)).toBeNaN();
    expect(gamma(-1.5)).toBeNaN();
  });
});

describe("lgamma", () => {
  it("returns the documented examples", () => {
    expect(lgamma(1)).toBe(0);
    expect(lgamma(0.5)).toBe(0.5723649429247);
    expect(lgamma(100)).toBe(359.1342053695754);
  });

  for (const [x, expected] of ORACLE.special.lgamma) {
    it(`agrees with scipy.special.gammaln(${x})`, () => {
      expectClose(lgamma(x), expected, 1e-15, 1e-16, `x = ${x}`);
    });
  }
});
