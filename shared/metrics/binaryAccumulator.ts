/**
 * The mergeable accumulator of a binary classifier: confusion counts, exact sums of the log-loss
 * and Brier terms, and the score table for ROC AUC and average precision.
 *
 * Prediction missing but score present → predicted positive when score ≥ threshold (0.5 by
 * default). Score missing but probabilities present → the probability of the positive class's key.
 * Scores outside [0, 1] are unusable. Log loss and Brier cover the observations with a score;
 * the threshold metrics cover every counted observation. Log-loss terms follow scikit-learn 1.2's
 * `log_loss`: p clipped to [ε, 1 − ε] with ε = 2^-52 (the float64 epsilon), row renormalised.
 */
import { binaryClass, binaryToken, positiveTokens } from "./labels.ts";
import { AccumulatorMismatchError, InvalidMetricOptionError } from "./errors.ts";
import { type ExactSum, exactSumAdd, exactSumMerge } from "./exactSum.ts";
import { type Observation, probability } from "./observation.ts";
import { DEFAULT_MAX_DISTINCT_SCORES, type ScoreTable, addScore, mergeScoreTables, newScoreTable } from "./scoreTable.ts";

/** The float64 machine epsilon, scikit-learn's default log-loss clip. */
export const LOG_LOSS_EPS = 2 ** -52;

/** Options of a binary accumulator. */
export interface BinaryOptions {
  /** The positive class (default 1; see `labels.ts` for the aliases). */
  positiveLabel?: string | number | boolean;
  /** Score at or above which a missing prediction counts as positive (default 0.5). */
  threshold?: number;
  /** Distinct scores held exactly before rounding to a grid (default 10,000, at least 2). */
  maxDistinctScores?: number;
}

/** Sufficient statistics of binary-classification metrics; plain JSON. */
export interface BinaryAccumulator {
  task: "binary_classification";
  /** Tokens that count as the positive class. */
  positiveLabels: string[];
  threshold: number;
  maxDistinctScores: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Observations that carried a usable score. */
  scored: number;
  logLossSum: ExactSum;
  brierSum: ExactSum;
  scores: ScoreTable;
}

/**
 * An empty binary accumulator.
 *
 * @throws {InvalidMetricOptionError} for a missing positive label, a threshold outside [0, 1] or a cap below 2
 * @example
 * newBinaryAccumulator({ positiveLabel: "fraud" }).positiveLabels; // ["fraud"]
 */
export function newBinaryAccumulator(options: BinaryOptions = {}): BinaryAccumulator {
  const { positiveLabel = 1, threshold = 0.5, maxDistinctScores = DEFAULT_MAX_DISTINCT_SCORES } = options;
  if (binaryToken(positiveLabel) === null) {
    throw new InvalidMetricOptionError("newAccumulator", "positiveLabel", positiveLabel, "a non-blank label");
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new InvalidMetricOptionError("newAccumulator", "threshold", threshold, "a number in [0, 1]");
  }
  if (!Number.isInteger(maxDistinctScores) || maxDistinctScores < 2) {
    throw new InvalidMetricOptionError("newAccumulator", "maxDistinctScores", maxDistinctScores, "an integer ≥ 2");
  }
  const positiveLabels = positiveTokens(positiveLabel);
  return { task: "binary_classification", positiveLabels, threshold, maxDistinctScores,
    tp: 0, fp: 0, tn: 0, fn: 0, scored: 0, logLossSum: [], brierSum: [], scores: newScoreTable() };
}

function scoreOf(o: Observation, positive: readonly string[]): number | null {
  const direct = probability(o.score);
  if (direct !== null || !o.probabilities) return direct;
  for (const [k, v] of Object.entries(o.probabilities)) if (binaryClass(k, positive)) return probability(v);
  return null;
}

/** One sample's log-loss term, computed as scikit-learn 1.2 does (clip, renormalise, −log). */
function logLossTerm(p: number, positive: boolean): number {
  const c = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  const q = 1 - c;
  const rowSum = q + c;
  return -Math.log((positive ? c : q) / rowSum);
}

/**
 * Counts one observation; returns false, counting nothing, when the label is missing or neither a
 * prediction nor a usable score is there.
 *
 * @example
 * const acc = newBinaryAccumulator();
 * [addBinaryObservation(acc, { label: "yes", score: 0.7 }), addBinaryObservation(acc, { label: null, prediction: 1 })]; // [true, false]
 * [acc.tp, acc.scored]; // [1, 1]
 */
export function addBinaryObservation(acc: BinaryAccumulator, o: Observation): boolean {
  const actual = binaryClass(o.label, acc.positiveLabels);
  if (actual === null) return false;
  const score = scoreOf(o, acc.positiveLabels);
  const predicted = binaryClass(o.prediction, acc.positiveLabels) ?? (score === null ? null : score >= acc.threshold);
  if (predicted === null) return false;
  if (actual) predicted ? acc.tp++ : acc.fn++;
  else predicted ? acc.fp++ : acc.tn++;
  if (score !== null) {
    acc.scored++;
    exactSumAdd(acc.logLossSum, logLossTerm(score, actual));
    const d = (actual ? 1 : 0) - score;
    exactSumAdd(acc.brierSum, d * d);
    acc.scores = addScore(acc.scores, score, actual, acc.maxDistinctScores);
  }
  return true;
}

/**
 * The accumulator of both inputs' observations (inputs unchanged); exact, associative, commutative.
 *
 * @throws {AccumulatorMismatchError} when positive labels, thresholds or score caps differ
 * @example
 * const a = newBinaryAccumulator(); addBinaryObservation(a, { label: 1, prediction: 1 });
 * const b = newBinaryAccumulator(); addBinaryObservation(b, { label: 0, prediction: 1 });
 * const m = mergeBinaryAccumulators(a, b);
 * [m.tp, m.fp]; // [1, 1]
 */
export function mergeBinaryAccumulators(a: BinaryAccumulator, b: BinaryAccumulator): BinaryAccumulator {
  if (a.positiveLabels.join("\u0000") !== b.positiveLabels.join("\u0000")) {
    throw new AccumulatorMismatchError("positiveLabels", a.positiveLabels.join("|"), b.positiveLabels.join("|"));
  }
  if (a.threshold !== b.threshold) throw new AccumulatorMismatchError("threshold", a.threshold, b.threshold);
  if (a.maxDistinctScores !== b.maxDistinctScores) {
    throw new AccumulatorMismatchError("maxDistinctScores", a.maxDistinctScores, b.maxDistinctScores);
  }
  return {
    task: "binary_classification",
    positiveLabels: [...a.positiveLabels],
    threshold: a.threshold,
    maxDistinctScores: a.maxDistinctScores,
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    tn: a.tn + b.tn,
    fn: a.fn + b.fn,
    scored: a.scored + b.scored,
    logLossSum: exactSumMerge(a.logLossSum, b.logLossSum),
    brierSum: exactSumMerge(a.brierSum, b.brierSum),
    scores: mergeScoreTables(a.scores, b.scores, a.maxDistinctScores),
  };
}
