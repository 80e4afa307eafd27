// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats._hypotests._pval_cvm_2samp_exact and _cdf_cvm_inf).
import { describe, expect, it } from "vitest";
import { cramerVonMisesExactPValue, cramerVonMisesInfCdf } from "../../../shared/stats/index.ts";
import { ORACLE, expectClose } from "./oracle.ts";

describe("cramerVonMisesExactPValue", () => {
  it("returns the documented example", () => {
    expect(cramerVonMisesExactPValue(81, 3, 3)).toBe(0.1);
  });

  for (const c of ORACLE.special.cvmExact) {
    it(`matches scipy exactly for m = ${c.m}, n = ${c.n}, U = ${c.u}`, () => {
      expect(cramerVonMisesExactPValue(c.u, c.m, c.n)).toBe(c.pValue);
    });
  }
});

describe("cramerVonMisesInfCdf", () => {
  it("returns the documented example", () => {
    expect(cramerVonMisesInfCdf(0.461)).toBe(0.9498928727982431);
  });

  for (const [x, expected] of ORACLE.special.cvmInfCdf) {
    it(`agrees with scipy's _cdf_cvm_inf(${x})`, () => {
      // The Bessel K_1/4 terms differ from AMOS by up to ~7e-14 relative (see besselK.test.ts).
      expectClose(cramerVonMisesInfCdf(x), expected, 1e-12, 1e-15, `x = ${x}`);
    });
  }

  it("is 0 at and below 0", () => {
    expect(cramerVonMisesInfCdf(0)).toBe(0);
  });
});
