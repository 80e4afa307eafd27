/**
 * Ranking metrics from a score table: ROC AUC (`sklearn.metrics.roc_auc_score`), average
 * precision (`sklearn.metrics.average_precision_score`, the step-wise sum Σ (Rₙ − Rₙ₋₁)·Pₙ over
 * distinct thresholds) and the bound on the AUC error that a rounded table may carry.
 * O(d log d) for d distinct scores. Tied scores count one half for AUC, as the trapezoid does.
 */
import type { ScoreTable } from "./scoreTable.ts";

interface Cell {
  score: number;
  pos: number;
  neg: number;
}

function descending(table: ScoreTable): Cell[] {
  return table.scores
    .map((score, i) => ({ score, pos: table.positives[i], neg: table.negatives[i] }))
    .sort((a, b) => b.score - a.score);
}

function totals(cells: readonly Cell[]): { p: number; n: number } {
  let p = 0;
  let n = 0;
  for (const c of cells) {
    p += c.pos;
    n += c.neg;
  }
  return { p, n };
}

/**
 * Area under the ROC curve: the share of (positive, negative) pairs ranked correctly, ties
 * counting ½. null when either class is absent (scikit-learn raises there).
 *
 * @example
 * let t = newScoreTable();
 * for (const [s, y] of [[0.1, false], [0.4, true], [0.35, false], [0.8, true]] as const) t = addScore(t, s, y, 10);
 * rocAucFromTable(t); // 1
 */
export function rocAucFromTable(table: ScoreTable): number | null {
  const cells = descending(table);
  const { p, n } = totals(cells);
  if (p === 0 || n === 0) return null;
  // Integers throughout (twice the number of correctly ordered pairs), so the sum is exact.
  let twiceCorrect = 0;
  let posAbove = 0;
  for (const c of cells) {
    twiceCorrect += c.neg * (2 * posAbove + c.pos);
    posAbove += c.pos;
  }
  return twiceCorrect / (2 * p * n);
}

/**
 * Average precision: Σ over distinct scores, high to low, of (new positives / P) × precision at
 * that threshold. null when there is no positive (scikit-learn 1.2 warns and returns 0 there).
 *
 * @example
 * let t = newScoreTable();
 * for (const [s, y] of [[0.1, false], [0.4, false], [0.35, true], [0.8, true]] as const) t = addScore(t, s, y, 10);
 * averagePrecisionFromTable(t); // 0.8333333333333333
 */
export function averagePrecisionFromTable(table: ScoreTable): number | null {
  const cells = descending(table);
  const { p } = totals(cells);
  if (p === 0) return null;
  let ap = 0;
  let tp = 0;
  let seen = 0;
  for (const c of cells) {
    tp += c.pos;
    seen += c.pos + c.neg;
    if (c.pos > 0) ap += (c.pos / p) * (tp / seen);
  }
  return ap;
}

/**
 * The largest error that rounding scores to the table's grid can have put into ROC AUC:
 * ½·Σ pos·neg over cells / (P·N). 0 for an exact table, null when AUC is undefined.
 *
 * @example
 * let t = newScoreTable();
 * for (const [s, y] of [[0.1, true], [0.2, false], [0.9, true]] as const) t = addScore(t, s, y, 2);
 * rocAucErrorBound(t); // 0.25 (0.1 and 0.2 now share a cell: one of the two pairs is a tie)
 */
export function rocAucErrorBound(table: ScoreTable): number | null {
  const cells = descending(table);
  const { p, n } = totals(cells);
  if (p === 0 || n === 0) return null;
  if (table.level === null) return 0;
  let tied = 0;
  for (const c of cells) tied += c.pos * c.neg;
  return tied / (2 * p * n);
}
