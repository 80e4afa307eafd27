/**
 * Multiclass metrics from a confusion matrix, as scikit-learn 1.2 defines them over the sorted
 * union of labels and predictions: accuracy; precision, recall and F1 per class with
 * `zero_division="warn"` (an undefined ratio is 0, so a class never predicted has precision 0 and
 * a class never true has recall 0); macro = plain mean over classes; weighted = mean weighted by
 * each class's true count (support). O(k²) for k classes; all null when nothing was counted.
 */
import type { MulticlassAccumulator } from "./multiclassAccumulator.ts";

/** The `performance` keys of DESIGN §7 for a multiclass classifier, plus task, count and matrix. */
export interface MulticlassMetrics {
  task: "multiclass_classification";
  count: number;
  accuracy: number | null;
  precisionMacro: number | null;
  recallMacro: number | null;
  f1Macro: number | null;
  precisionWeighted: number | null;
  recallWeighted: number | null;
  f1Weighted: number | null;
  /** Rows are the actual class, columns the predicted, both in the order of `labels`. */
  confusionMatrix: { labels: string[]; matrix: number[][] };
}

/**
 * The metrics of a multiclass accumulator.
 *
 * @example
 * const acc = newMulticlassAccumulator();
 * for (const [label, prediction] of [["a", "a"], ["b", "a"], ["c", "c"], ["c", "a"]]) addMulticlassObservation(acc, { label, prediction });
 * const m = computeMulticlassMetrics(acc);
 * [m.accuracy, m.precisionMacro, m.recallMacro, m.recallWeighted]; // [0.5, 0.4444444444444444, 0.5, 0.5]
 */
export function computeMulticlassMetrics(acc: MulticlassAccumulator): MulticlassMetrics {
  const k = acc.classes.length;
  const confusionMatrix = { labels: [...acc.classes], matrix: acc.matrix.map((r) => [...r]) };
  const predicted = new Array<number>(k).fill(0);
  const support = new Array<number>(k).fill(0);
  let count = 0;
  let correct = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      support[i] += acc.matrix[i][j];
      predicted[j] += acc.matrix[i][j];
    }
    correct += acc.matrix[i][i];
    count += support[i];
  }
  if (count === 0) {
    return { task: "multiclass_classification", count, accuracy: null, precisionMacro: null, recallMacro: null,
      f1Macro: null, precisionWeighted: null, recallWeighted: null, f1Weighted: null, confusionMatrix };
  }
  const sums = { p: 0, r: 0, f: 0, pw: 0, rw: 0, fw: 0 };
  for (let i = 0; i < k; i++) {
    const tp = acc.matrix[i][i];
    const p = predicted[i] === 0 ? 0 : tp / predicted[i];
    const r = support[i] === 0 ? 0 : tp / support[i];
    const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    sums.p += p;
    sums.r += r;
    sums.f += f;
    sums.pw += p * support[i];
    sums.rw += r * support[i];
    sums.fw += f * support[i];
  }
  return {
    task: "multiclass_classification",
    count,
    accuracy: correct / count,
    precisionMacro: sums.p / k,
    recallMacro: sums.r / k,
    f1Macro: sums.f / k,
    precisionWeighted: sums.pw / count,
    recallWeighted: sums.rw / count,
    f1Weighted: sums.fw / count,
    confusionMatrix,
  };
}
