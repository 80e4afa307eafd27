import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averagePrecisionFromTable, rocAucErrorBound, rocAucFromTable } from "../../../shared/metrics/rankMetrics.ts";
import { type ScoreTable, addScore, newScoreTable } from "../../../shared/metrics/scoreTable.ts";

function tableOf(rows: ReadonlyArray<readonly [number, boolean]>, cap = 10_000): ScoreTable {
  let t = newScoreTable();
  for (const [s, y] of rows) t = addScore(t, s, y, cap);
  return t;
}

// Mann–Whitney by brute force over all (positive, negative) pairs.
function pairAuc(rows: ReadonlyArray<readonly [number, boolean]>): number | null {
  const pos = rows.filter((r) => r[1]).map((r) => r[0]);
  const neg = rows.filter((r) => !r[1]).map((r) => r[0]);
  if (pos.length === 0 || neg.length === 0) return null;
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }).map((k) => k / 20), fc.boolean()), { maxLength: 50 });

describe("rocAucFromTable", () => {
  it("is 1 when every positive outranks every negative", () => {
    expect(rocAucFromTable(tableOf([[0.1, false], [0.4, true], [0.35, false], [0.8, true]]))).toBe(1);
  });

  it("is null with one class", () => {
    expect(rocAucFromTable(tableOf([[0.1, true], [0.4, true]]))).toBeNull();
  });

  it("equals the pairwise definition, ties counting one half", () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const auc = rocAucFromTable(tableOf(rs));
        const expected = pairAuc(rs);
        if (expected === null) expect(auc).toBeNull();
        else expect(auc).toBeCloseTo(expected, 12);
      }),
    );
  });
});

describe("averagePrecisionFromTable", () => {
  it("sums recall steps times precision", () => {
    expect(averagePrecisionFromTable(tableOf([[0.1, false], [0.4, false], [0.35, true], [0.8, true]]))).toBe(0.8333333333333333);
  });

  it("is null without positives and within [0, 1] otherwise", () => {
    expect(averagePrecisionFromTable(tableOf([[0.1, false]]))).toBeNull();
    fc.assert(
      fc.property(rows, (rs) => {
        const ap = averagePrecisionFromTable(tableOf(rs));
        if (ap !== null) expect(ap >= 0 && ap <= 1 + 1e-15).toBe(true);
      }),
    );
  });
});

describe("rocAucErrorBound", () => {
  it("counts the pairs a rounded grid turned into ties", () => {
    expect(rocAucErrorBound(tableOf([[0.1, true], [0.2, false], [0.9, true]], 2))).toBe(0.25);
  });

  it("is 0 for exact tables and null when AUC is undefined", () => {
    expect(rocAucErrorBound(tableOf([[0.1, true], [0.2, false]]))).toBe(0);
    expect(rocAucErrorBound(tableOf([[0.1, true]], 2))).toBeNull();
  });

  it("bounds the error of AUC on a rounded table", () => {
    const fine = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { maxLength: 60 });
    fc.assert(
      fc.property(fine, fc.integer({ min: 2, max: 8 }), (rs, cap) => {
        const rounded = tableOf(rs, cap);
        const exact = rocAucFromTable(tableOf(rs));
        if (exact === null) return;
        expect(Math.abs((rocAucFromTable(rounded) as number) - exact)).toBeLessThanOrEqual((rocAucErrorBound(rounded) as number) + 1e-12);
      }),
    );
  });
});
