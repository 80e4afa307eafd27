// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (pooled two-proportion z-test, p = 2·scipy.stats.norm.sf(|z|)).
import { describe, expect, it } from "vitest";
import { zTest } from "../../../shared/stats/index.ts";
import { ORACLE, STAT_REL, expectClose, expectPValue } from "./oracle.ts";

describe("zTest", () => {
  it("returns the documented examples", () => {
    expect(zTest([50, 50], [50, 50])).toEqual({ statistic: 0, pValue: 1 });
    expect(zTest([60, 40], [40, 60])).toEqual({ statistic: 2.8284271247461894, pValue: 0.004677734981047275 });
  });

  for (const c of ORACLE.binary) {
    it(`agrees with the scipy-based z-test: ${c.name}`, () => {
      const r = zTest(c.ref, c.cur);
      expectClose(r.statistic, c.ztest.statistic, STAT_REL, 0, "statistic");
      // In the far tail a relative error δ in |z| moves the p-value by ~z²·δ relative; with
      // z ≈ 200 and δ ≈ 1e-16 that is still ~1e-11.
      expectPValue(r.pValue, c.ztest.pValue, "pValue");
    });
  }

  it("does not depend on which value is called positive", () => {
    const a = zTest([70, 30], [55, 45]);
    const b = zTest([30, 70], [45, 55]);
    expectClose(a.statistic, b.statistic, 1e-15, 0, "statistic");
  });

  it("treats a single category as no drift", () => {
    expect(zTest([10], [20])).toEqual({ statistic: 0, pValue: 1 });
  });

  it("refuses more than two categories", () => {
    expect(() => zTest([1, 2, 3], [1, 2, 3])).toThrow("zTest requires a binary feature (2 counts each), got 3 categories");
  });
});
