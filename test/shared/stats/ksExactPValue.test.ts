// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats._stats_py._attempt_exact_2kssamp, two-sided).
import { describe, expect, it } from "vitest";
import { ksExactPValue, roundHalfEven } from "../../../shared/stats/index.ts";
import { ORACLE, expectPValue } from "./oracle.ts";

describe("ksExactPValue", () => {
  it("returns the documented examples", () => {
    expect(ksExactPValue(5, 5, 0.6)).toEqual({ success: true, d: 0.6, pValue: 0.35714285714285715 });
    expect(ksExactPValue(3, 4, 0.75)).toEqual({ success: true, d: 0.75, pValue: 0.22857142857142856 });
  });

  for (const c of ORACLE.special.ksExact) {
    it(`agrees with scipy's exact attempt for n1 = ${c.n1}, n2 = ${c.n2}, d = ${c.d}`, () => {
      const r = ksExactPValue(c.n1, c.n2, c.d);
      expect(r.success).toBe(c.success);
      expect(r.d).toBe(c.dRounded);
      // Equal sizes run scipy's arithmetic exactly; unequal sizes use a rearranged recursion
      // (~1e-12 relative). Beyond p < 1e-20 the tail shortcut reports 0.
      if (c.success) expectPValue(r.pValue, c.pValue!, "pValue");
    });
  }

  it("fails for h = 1 with equal sizes, where scipy falls back to the asymptotic", () => {
    expect(ksExactPValue(5, 5, 0.2).success).toBe(false);
  });

  it("reports p-values below 1e-20 as 0 when the count would be long", () => {
    expect(ksExactPValue(10_000, 9_999, 0.5)).toEqual({ success: true, d: 0.5, pValue: 0 });
  });
});

describe("roundHalfEven", () => {
  it("rounds halves to even as numpy.round", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2, 3]);
  });
});
