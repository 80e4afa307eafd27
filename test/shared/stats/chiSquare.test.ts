// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.chi2_contingency([ref, cur], correction=False), all-zero categories dropped).
import { describe, expect, it } from "vitest";
import { chiSquare } from "../../../shared/stats/index.ts";
import { ORACLE, STAT_REL, expectClose, expectPValue } from "./oracle.ts";

describe("chiSquare", () => {
  it("returns the documented examples", () => {
    expect(chiSquare([10, 20, 30], [10, 20, 30])).toEqual({ statistic: 0, pValue: 1, dof: 2 });
    expect(chiSquare([30, 10], [10, 30])).toEqual({ statistic: 20, pValue: 7.744216431044088e-6, dof: 1 });
  });

  for (const c of ORACLE.categorical) {
    it(`agrees with scipy.stats.chi2_contingency: ${c.name}`, () => {
      const r = chiSquare(c.ref, c.cur);
      expect(r.dof).toBe(c.chisquare.dof);
      expectClose(r.statistic, c.chisquare.statistic, STAT_REL, 1e-12, "statistic");
      // Tail p-values (down to ~1e-300 here) agree to ~1e-13 relative: scipy switches to
      // Temme's asymptotic series for 20 < dof/2 < 200 near the mode, we stay with the series
      // and continued fraction, which are as accurate there.
      expectPValue(r.pValue, c.chisquare.pValue, "pValue");
    });
  }

  it("drops categories empty in both samples instead of failing", () => {
    expect(chiSquare([5, 0, 7], [6, 0, 2])).toEqual(chiSquare([5, 7], [6, 2]));
  });

  it("reports a single category as no evidence of drift", () => {
    expect(chiSquare([12], [30])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });

  it("requires both samples to be non-empty", () => {
    expect(() => chiSquare([1, 2], [0, 0])).toThrow("chiSquare requires a non-empty current distribution");
  });
});
