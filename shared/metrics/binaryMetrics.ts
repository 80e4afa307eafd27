/**
 * Binary-classification metrics from an accumulator, defined as scikit-learn 1.2 defines them:
 * precision, recall and F1 of the positive class with `zero_division="warn"` (an undefined ratio
 * is 0), ROC AUC and average precision from the score table, mean log loss and Brier score over
 * the observations that had a score. A metric that cannot be defined is null: everything when
 * nothing was counted; AUC with one class; average precision with no positive; log loss, Brier,
 * AUC and average precision without scores.
 */
import type { BinaryAccumulator } from "./binaryAccumulator.ts";
import { exactSumValue } from "./exactSum.ts";
import { averagePrecisionFromTable, rocAucFromTable } from "./rankMetrics.ts";

/** Confusion counts, and the same as scikit-learn's `confusion_matrix(y, ŷ, labels=[neg, pos])`. */
export interface BinaryConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** [[tn, fp], [fn, tp]]: rows are the actual class, columns the predicted, negative first. */
  matrix: [[number, number], [number, number]];
}

/** The `performance` keys of DESIGN §7 for a binary classifier, plus the task and the count. */
export interface BinaryMetrics {
  task: "binary_classification";
  /** Observations counted. */
  count: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  averagePrecision: number | null;
  logLoss: number | null;
  brier: number | null;
  confusionMatrix: BinaryConfusionMatrix;
}

/**
 * The metrics of a binary accumulator. O(d log d) for d distinct scores.
 *
 * @example
 * const acc = newBinaryAccumulator();
 * for (const [label, score] of [[1, 0.9], [0, 0.2], [1, 0.4], [0, 0.6]] as const) addBinaryObservation(acc, { label, score });
 * const m = computeBinaryMetrics(acc);
 * [m.accuracy, m.precision, m.rocAuc, m.confusionMatrix.matrix]; // [0.5, 0.5, 0.75, [[1, 1], [1, 1]]]
 */
export function computeBinaryMetrics(acc: BinaryAccumulator): BinaryMetrics {
  const { tp, fp, tn, fn, scored } = acc;
  const count = tp + fp + tn + fn;
  const confusionMatrix: BinaryConfusionMatrix = { tp, fp, tn, fn, matrix: [[tn, fp], [fn, tp]] };
  if (count === 0) {
    return { task: "binary_classification", count, accuracy: null, precision: null, recall: null, f1: null,
      rocAuc: null, averagePrecision: null, logLoss: null, brier: null, confusionMatrix };
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const denominator = precision + recall;
  // The same operations in the same order as scikit-learn, so F1 agrees to the last bit.
  const f1 = denominator === 0 ? 0 : (2 * precision * recall) / denominator;
  return {
    task: "binary_classification",
    count,
    accuracy: (tp + tn) / count,
    precision,
    recall,
    f1,
    rocAuc: rocAucFromTable(acc.scores),
    averagePrecision: averagePrecisionFromTable(acc.scores),
    logLoss: scored === 0 ? null : exactSumValue(acc.logLossSum) / scored,
    brier: scored === 0 ? null : exactSumValue(acc.brierSum) / scored,
    confusionMatrix,
  };
}
