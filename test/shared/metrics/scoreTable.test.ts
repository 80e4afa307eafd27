import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SCORE_LEVEL, type ScoreTable, addScore, floorToLevel, mergeScoreTables, newScoreTable } from "../../../shared/metrics/scoreTable.ts";

function tableOf(rows: ReadonlyArray<readonly [number, boolean]>, cap: number): ScoreTable {
  let t = newScoreTable();
  for (const [s, y] of rows) t = addScore(t, s, y, cap);
  return t;
}

// Cells as a sorted list, whatever the order the table keeps them in.
function cells(t: ScoreTable): Array<[number, number, number]> {
  return t.scores.map((s, i): [number, number, number] => [s, t.positives[i], t.negatives[i]]).sort((a, b) => a[0] - b[0]);
}

const rows = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { maxLength: 60 });

describe("newScoreTable", () => {
  it("is empty and exact", () => {
    expect(newScoreTable()).toEqual({ level: null, scores: [], positives: [], negatives: [] });
  });
});

describe("floorToLevel", () => {
  it("floors to multiples of 2^-level", () => {
    expect([floorToLevel(0.7, 1), floorToLevel(0.7, 3), floorToLevel(0.7, null)]).toEqual([0.5, 0.625, 0.7]);
  });

  it("nests: flooring to a coarse level after a fine one equals flooring once", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: MAX_SCORE_LEVEL }), fc.integer({ min: 0, max: MAX_SCORE_LEVEL }), (s, a, b) => {
        const [fine, coarse] = a > b ? [a, b] : [b, a];
        expect(floorToLevel(floorToLevel(s, fine), coarse)).toBe(floorToLevel(s, coarse));
      }),
    );
  });
});

describe("addScore", () => {
  it("coarsens to the finest grid within the cap", () => {
    const t = tableOf([[0.1, true], [0.2, true], [0.3, true]], 2);
    expect([t.level, t.scores, t.positives]).toEqual([2, [0, 0.25], [2, 1]]);
  });

  it("keeps scores exact up to the cap", () => {
    const t = tableOf([[0.1, true], [0.2, false], [0.1, false]], 2);
    expect(t.level).toBeNull();
    expect(cells(t)).toEqual([[0.1, 1, 1], [0.2, 0, 1]]);
  });

  it("never holds more cells than the cap", () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 2, max: 12 }), (rs, cap) => {
        expect(tableOf(rs, cap).scores.length).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it("gives the same cells in any order of addition", () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 2, max: 12 }), (rs, cap) => {
        const t = tableOf(rs, cap);
        const r = tableOf([...rs].reverse(), cap);
        expect(r.level).toBe(t.level);
        expect(cells(r)).toEqual(cells(t));
      }),
    );
  });
});

describe("mergeScoreTables", () => {
  it("adds counts per score", () => {
    const t = mergeScoreTables(addScore(newScoreTable(), 0.5, true, 10), addScore(newScoreTable(), 0.5, false, 10), 10);
    expect([t.scores, t.positives, t.negatives]).toEqual([[0.5], [1], [1]]);
  });

  it("equals the table of all rows, and is commutative and associative", () => {
    fc.assert(
      fc.property(rows, rows, rows, fc.integer({ min: 2, max: 12 }), (a, b, c, cap) => {
        const [ta, tb, tc] = [tableOf(a, cap), tableOf(b, cap), tableOf(c, cap)];
        const all = tableOf([...a, ...b, ...c], cap);
        const left = mergeScoreTables(mergeScoreTables(ta, tb, cap), tc, cap);
        const right = mergeScoreTables(ta, mergeScoreTables(tc, tb, cap), cap);
        expect(right).toEqual(left);
        expect(left.level).toBe(all.level);
        expect(cells(left)).toEqual(cells(all));
      }),
    );
  });

  it("survives a JSON round trip", () => {
    const t = tableOf([[0.25, true], [0.75, false]], 10);
    const back = JSON.parse(JSON.stringify(t)) as ScoreTable;
    expect(cells(addScore(back, 0.25, false, 10))).toEqual([[0.25, 1, 1], [0.75, 0, 1]]);
  });
});
