/**
 * One labelled prediction as the metrics see it: what the model said (a class or value, a
 * positive-class score, class probabilities) and the ground truth that was joined to it.
 *
 * @example
 * const o: Observation = { prediction: null, score: 0.83, label: "yes" };
 */
import type { FieldValue } from "../types.ts";

/** A labelled prediction; fields the model did not log may be null or absent. */
export interface Observation {
  /** The predicted class (classification) or value (regression). */
  prediction?: FieldValue;
  /** Positive-class probability in [0, 1] (binary). */
  score?: number | null;
  /** The ground truth. */
  label: FieldValue;
  /** Class → probability (multiclass; binary reads the positive class's entry when score is absent). */
  probabilities?: Record<string, number> | null;
}

/**
 * A probability if the value is a finite number in [0, 1], else null.
 *
 * @example
 * [probability(0.3), probability(1.2), probability(Number.NaN), probability(null)]; // [0.3, null, null, null]
 */
export function probability(value: number | null | undefined): number | null {
  return typeof value === "number" && value >= 0 && value <= 1 ? value : null;
}
