import { describe, expect, it } from "vitest";
import { columnView } from "../../../shared/check/columns.ts";
import { compareFeature } from "../../../shared/check/feature.ts";
import type { ColumnView } from "../../../shared/check/view.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { chiSquare, zTest } from "../../../shared/stats/index.ts";
import { emptyRecord, type FieldValue } from "../../../shared/types.ts";

/** A column view of the values given, through a real profile. */
function column(values: readonly FieldValue[], categoryCap?: number): ColumnView {
  const b = new ProfileBuilder(categoryCap === undefined ? {} : { categoryCap });
  const r = emptyRecord();
  for (const v of values) {
    r.features.f = v;
    b.add(r);
  }
  const p = b.finish();
  return columnView(p.features.f, p.rows);
}

const repeat = <T>(pattern: readonly T[], n: number): T[] => Array.from({ length: n }, (_, i) => pattern[i % pattern.length]);

describe("compareFeature", () => {
  it("compares a numerical feature whose current values are all text as having no numbers, without throwing", () => {
    const ref = column(repeat([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2000));
    const edges = [2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const method of ["auto", "psi", "jensenshannon", "ks"] as const) {
      const r = compareFeature(ref, column(repeat(["12", "13"], 50)), { type: "numerical", referenceRows: 2000, edges, method, threshold: null });
      expect(r.drift).toBeNull();
      expect(r.driftNote).toBe("no numeric values to compare");
      expect(r.summary.psi).toBeNull();
      expect(r.quality.typeMismatchShare).toBe(1);
    }
  });

  it("turns the z-test of a binary feature into the chi-square test when the current data brings new values", () => {
    const ref = column(repeat(["a", "b"], 400));
    const cur = column(repeat(["a", "b", "@channel", "<!here>"], 400));
    const r = compareFeature(ref, cur, { type: "categorical", referenceRows: 400, edges: undefined, method: "auto", threshold: null });
    const expected = chiSquare([200, 200, 0, 0], [100, 100, 100, 100]);
    expect(r.drift).toEqual({ method: "chisquare", statistic: expected.statistic, pValue: expected.pValue, threshold: 0.05, drifted: true });
  });

  it("keeps the z-test while both sides have two values (its p-value is the 2×2 chi-square's)", () => {
    const r = compareFeature(column(repeat(["a", "b"], 400)), column(repeat(["a", "a", "b"], 300)), { type: "categorical", referenceRows: 400, edges: undefined, method: "auto", threshold: null });
    expect(r.drift!.method).toBe("ztest");
    expect(r.drift!.pValue).toBeCloseTo(chiSquare([200, 200], [200, 100]).pValue, 12);
    expect(r.drift!.pValue).toBe(zTest([200, 200], [200, 100]).pValue);
  });

  it("keeps a forced z-test's threshold when it becomes the chi-square test", () => {
    const r = compareFeature(column(repeat([0, 1], 400)), column(repeat([0, 1, 2], 300)), { type: "numerical", referenceRows: 400, edges: undefined, method: "ztest", threshold: 0.01 });
    expect(r.drift).toMatchObject({ method: "chisquare", threshold: 0.01 });
  });

  it("counts current rows past the category cap as new categories (an upper bound)", () => {
    const ref = column(repeat(["a", "b", "c"], 300));
    const cur = column([...repeat(["a"], 50), ...Array.from({ length: 150 }, (_, i) => `new-${i}`)], 100);
    const r = compareFeature(ref, cur, { type: "categorical", referenceRows: 300, edges: undefined, method: "auto", threshold: null });
    expect(r.quality.newCategoryShare).toBe(150 / 200);
  });
});
