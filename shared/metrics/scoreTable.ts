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

/** Distinct scores with their counts; JSON-serialisable. */
export interface ScoreTable {
  /** null while scores are exact; otherwise scores are floored to multiples of 2^-level. */
  level: number | null;
  /** String(score) → [positives, negatives]. */
  cells: Record<string, [number, number]>;
  /** The number of keys in `cells`. */
  distinct: number;
}

/**
 * An empty, exact score table.
 *
 * @example
 * newScoreTable(); // { level: null, cells: {}, distinct: 0 }
 */
export function newScoreTable(): ScoreTable {
  return { level: null, cells: {}, distinct: 0 };
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

function addCount(cells: ScoreTable["cells"], key: number, pos: number, neg: number): boolean {
  const k = String(key);
  const cell = Object.hasOwn(cells, k) ? cells[k] : undefined;
  if (cell) {
    cell[0] += pos;
    cell[1] += neg;
    return false;
  }
  cells[k] = [pos, neg];
  return true;
}

function regrid(table: ScoreTable, level: number | null): ScoreTable {
  const out: ScoreTable = { level, cells: {}, distinct: 0 };
  for (const [k, [pos, neg]] of Object.entries(table.cells)) {
    if (addCount(out.cells, floorToLevel(Number(k), level), pos, neg)) out.distinct++;
  }
  return out;
}

function distinctAt(table: ScoreTable, level: number): number {
  const seen = new Set<number>();
  for (const k of Object.keys(table.cells)) seen.add(floorToLevel(Number(k), level));
  return seen.size;
}

// Coarsens to the finest level with at most maxDistinct cells. Cell counts only fall as the level
// falls, so a binary search over [0, current level − 1] finds it; level 0 has at most 2 cells.
function settle(table: ScoreTable, maxDistinct: number): ScoreTable {
  if (table.distinct <= maxDistinct) return table;
  let lo = 0;
  let hi = (table.level ?? MAX_SCORE_LEVEL + 1) - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (distinctAt(table, mid) <= maxDistinct) lo = mid;
    else hi = mid - 1;
  }
  return regrid(table, lo);
}

/**
 * Counts one score of a positive or negative observation; returns the table to keep (the same
 * object unless the cap forced a coarser grid).
 *
 * @example
 * let t = newScoreTable();
 * for (const s of [0.1, 0.2, 0.3]) t = addScore(t, s, true, 2);
 * [t.level, t.distinct]; // [2, 2] (0.1 and 0.2 share the cell [0, 0.25))
 */
export function addScore(table: ScoreTable, score: number, positive: boolean, maxDistinct: number): ScoreTable {
  const key = floorToLevel(score, table.level);
  if (addCount(table.cells, key, positive ? 1 : 0, positive ? 0 : 1)) table.distinct++;
  return settle(table, maxDistinct);
}

/**
 * The table of the union of two tables' observations (inputs unchanged), on the finer of the two
 * grids that fits the cap.
 *
 * @example
 * const t = mergeScoreTables(addScore(newScoreTable(), 0.5, true, 10), addScore(newScoreTable(), 0.5, false, 10), 10);
 * t.cells["0.5"]; // [1, 1]
 */
export function mergeScoreTables(a: ScoreTable, b: ScoreTable, maxDistinct: number): ScoreTable {
  const level = a.level === null ? b.level : b.level === null ? a.level : Math.min(a.level, b.level);
  const out = regrid(a, level);
  for (const [k, [pos, neg]] of Object.entries(b.cells)) {
    if (addCount(out.cells, floorToLevel(Number(k), level), pos, neg)) out.distinct++;
  }
  return settle(out, maxDistinct);
}
