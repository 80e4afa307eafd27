/**
 * A mergeable table of distinct scores → (positives, negatives), from which ROC AUC and average
 * precision are computed exactly.
 *
 * While a table holds at most `maxDistinct` distinct scores it is exact. Beyond that, every score
 * is floored to a dyadic grid, a multiple of 2^-level, with the finest level (at most 52) that
 * keeps the table within the cap. Dyadic floors nest (flooring to 2^-9 after 2^-12 equals
 * flooring to 2^-9 directly), so the level and the cells depend only on the multiset of scores,
 * never on the order of additions and merges: merging stays exact, associative and commutative.
 * Scores lie in [0, 1], so level 13 (8,193 cells) always fits the default cap of 10,000: the
 * grid step is at most 2^-13 ≈ 1.2e-4. Pairs that share a cell count as ties, so ROC AUC moves by
 * at most ½·Σ pos·neg per cell / (P·N) (`rocAucErrorBound`), well under 1e-4 unless a large share
 * of both classes sits within 1e-4 of one score.
 */

/** The finest grid level: scores in [0, 1] times 2^52 are exact integers. */
export const MAX_SCORE_LEVEL = 52;

/** The default cap on distinct scores held exactly. */
export const DEFAULT_MAX_DISTINCT_SCORES = 10_000;

/** Distinct scores with their counts, as parallel arrays (plain JSON; merges return them sorted). */
export interface ScoreTable {
  /** null while scores are exact; otherwise scores are floored to multiples of 2^-level. */
  level: number | null;
  scores: number[];
  positives: number[];
  negatives: number[];
}

// Score → position, rebuilt on first use (say after JSON.parse); a cache, never part of the value.
const INDEX = new WeakMap<ScoreTable, Map<number, number>>();

function indexOf(table: ScoreTable): Map<number, number> {
  let index = INDEX.get(table);
  if (index === undefined || index.size !== table.scores.length) {
    index = new Map(table.scores.map((s, i) => [s, i]));
    INDEX.set(table, index);
  }
  return index;
}

/**
 * An empty, exact score table.
 *
 * @example
 * newScoreTable(); // { level: null, scores: [], positives: [], negatives: [] }
 */
export function newScoreTable(): ScoreTable {
  return { level: null, scores: [], positives: [], negatives: [] };
}

/**
 * A score floored to the grid of a level (unchanged for level null).
 *
 * @example
 * [floorToLevel(0.7, 1), floorToLevel(0.7, 3), floorToLevel(0.7, null)]; // [0.5, 0.625, 0.7]
 */
export function floorToLevel(score: number, level: number | null): number {
  if (level === null) return score;
  const scale = 2 ** level;
  return Math.floor(score * scale) / scale;
}

// The cells of the given tables on one grid, sorted by score.
function regrid(tables: readonly ScoreTable[], level: number | null): ScoreTable {
  const cells = new Map<number, [number, number]>();
  for (const t of tables) {
    t.scores.forEach((s, i) => {
      const key = floorToLevel(s, level);
      const cell = cells.get(key);
      if (cell) {
        cell[0] += t.positives[i];
        cell[1] += t.negatives[i];
      } else cells.set(key, [t.positives[i], t.negatives[i]]);
    });
  }
  const sorted = [...cells].sort((a, b) => a[0] - b[0]);
  return { level, scores: sorted.map((c) => c[0]), positives: sorted.map((c) => c[1][0]), negatives: sorted.map((c) => c[1][1]) };
}

function distinctAt(sorted: Float64Array, level: number): number {
  let count = 0;
  let previous = Number.NaN;
  for (const v of sorted) {
    const cell = floorToLevel(v, level);
    if (cell !== previous) count++;
    previous = cell;
  }
  return count;
}

// Coarsens to the finest level with at most maxDistinct cells. Cell counts only fall as the level
// falls, so a binary search over [0, current level − 1] finds it; level 0 has at most 2 cells.
function settle(table: ScoreTable, maxDistinct: number): ScoreTable {
  if (table.scores.length <= maxDistinct) return table;
  const sorted = Float64Array.from(table.scores).sort();
  let lo = 0;
  let hi = (table.level ?? MAX_SCORE_LEVEL + 1) - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (distinctAt(sorted, mid) <= maxDistinct) lo = mid;
    else hi = mid - 1;
  }
  return regrid([table], lo);
}

/**
 * Counts one score of a positive or negative observation; returns the table to keep (the same
 * object, updated in place, unless the cap forced a coarser grid).
 *
 * @example
 * let t = newScoreTable();
 * for (const s of [0.1, 0.2, 0.3]) t = addScore(t, s, true, 2);
 * [t.level, t.scores, t.positives]; // [2, [0, 0.25], [2, 1]]
 */
export function addScore(table: ScoreTable, score: number, positive: boolean, maxDistinct: number): ScoreTable {
  const key = floorToLevel(score, table.level);
  const index = indexOf(table);
  const i = index.get(key);
  if (i === undefined) {
    index.set(key, table.scores.length);
    table.scores.push(key);
    table.positives.push(positive ? 1 : 0);
    table.negatives.push(positive ? 0 : 1);
  } else if (positive) table.positives[i]++;
  else table.negatives[i]++;
  return settle(table, maxDistinct);
}

/**
 * The table of the union of two tables' observations (inputs unchanged), sorted by score, on the
 * finer of the two grids that fits the cap.
 *
 * @example
 * const t = mergeScoreTables(addScore(newScoreTable(), 0.5, true, 10), addScore(newScoreTable(), 0.5, false, 10), 10);
 * [t.scores, t.positives, t.negatives]; // [[0.5], [1], [1]]
 */
export function mergeScoreTables(a: ScoreTable, b: ScoreTable, maxDistinct: number): ScoreTable {
  const level = a.level === null ? b.level : b.level === null ? a.level : Math.min(a.level, b.level);
  return settle(regrid([a, b], level), maxDistinct);
}
