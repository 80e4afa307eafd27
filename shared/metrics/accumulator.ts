/**
 * The task-generic face of the metrics: one accumulator type for the three tasks, built, fed,
 * merged and read through four functions. Accumulators are plain JSON, so a Lambda can store a
 * partial one with its window profile and another can merge the pieces later; merging is exact,
 * associative and commutative, so the metrics never depend on how a window was split.
 */
import type { Task } from "../types.ts";
import { TASKS } from "../types.ts";
import { type BinaryAccumulator, type BinaryOptions, addBinaryObservation, mergeBinaryAccumulators, newBinaryAccumulator } from "./binaryAccumulator.ts";
import { type BinaryMetrics, computeBinaryMetrics } from "./binaryMetrics.ts";
import { AccumulatorMismatchError, InvalidMetricOptionError } from "./errors.ts";
import { type MulticlassAccumulator, addMulticlassObservation, mergeMulticlassAccumulators, newMulticlassAccumulator } from "./multiclassAccumulator.ts";
import { type MulticlassMetrics, computeMulticlassMetrics } from "./multiclassMetrics.ts";
import type { Observation } from "./observation.ts";
import { type RegressionAccumulator, type RegressionMetrics, addRegressionObservation, computeRegressionMetrics, mergeRegressionAccumulators, newRegressionAccumulator } from "./regression.ts";

/** The accumulator of any task, discriminated by `task`. */
export type MetricsAccumulator = BinaryAccumulator | MulticlassAccumulator | RegressionAccumulator;
/** The metrics of any task, discriminated by `task`. */
export type PerformanceMetrics = BinaryMetrics | MulticlassMetrics | RegressionMetrics;
/** Options of `newAccumulator`; only binary classification has any. */
export type AccumulatorOptions = BinaryOptions;

/**
 * An empty accumulator for a task (typed by the task when it is a literal).
 *
 * @throws {InvalidMetricOptionError} for an unknown task or a bad binary option
 * @example
 * newAccumulator("regression").task; // "regression"
 */
export function newAccumulator(task: "binary_classification", options?: AccumulatorOptions): BinaryAccumulator;
export function newAccumulator(task: "multiclass_classification", options?: AccumulatorOptions): MulticlassAccumulator;
export function newAccumulator(task: "regression", options?: AccumulatorOptions): RegressionAccumulator;
export function newAccumulator(task: Task, options?: AccumulatorOptions): MetricsAccumulator;
export function newAccumulator(task: Task, options: AccumulatorOptions = {}): MetricsAccumulator {
  switch (task) {
    case "binary_classification":
      return newBinaryAccumulator(options);
    case "multiclass_classification":
      return newMulticlassAccumulator();
    case "regression":
      return newRegressionAccumulator();
    default:
      throw new InvalidMetricOptionError("newAccumulator", "task", task, `one of ${TASKS.join(", ")}`);
  }
}

/**
 * Counts one labelled prediction, in place. Returns false and counts nothing when the label, or
 * the prediction the task needs (for binary: a prediction or a score), is missing or unusable.
 *
 * @example
 * const acc = newAccumulator("binary_classification");
 * [addObservation(acc, { label: "yes", prediction: "no" }), addObservation(acc, { label: null, score: 0.4 })]; // [true, false]
 */
export function addObservation(acc: MetricsAccumulator, observation: Observation): boolean {
  switch (acc.task) {
    case "binary_classification":
      return addBinaryObservation(acc, observation);
    case "multiclass_classification":
      return addMulticlassObservation(acc, observation);
    case "regression":
      return addRegressionObservation(acc, observation);
  }
}

/**
 * The accumulator of both inputs' observations; the inputs are not modified.
 *
 * @throws {AccumulatorMismatchError} when the tasks (or binary settings) differ
 * @example
 * const a = newAccumulator("regression"); addObservation(a, { label: 1, prediction: 1 });
 * const b = newAccumulator("regression"); addObservation(b, { label: 2, prediction: 4 });
 * computeMetrics(mergeAccumulators(a, b)); // { task: "regression", count: 2, mae: 1, mse: 2, rmse: 1.4142135623730951, mape: 0.5, r2: -7 }
 */
export function mergeAccumulators(a: MetricsAccumulator, b: MetricsAccumulator): MetricsAccumulator {
  if (a.task === "binary_classification" && b.task === "binary_classification") return mergeBinaryAccumulators(a, b);
  if (a.task === "multiclass_classification" && b.task === "multiclass_classification") return mergeMulticlassAccumulators(a, b);
  if (a.task === "regression" && b.task === "regression") return mergeRegressionAccumulators(a, b);
  throw new AccumulatorMismatchError("task", a.task, b.task);
}

/**
 * The metrics of an accumulator: the `performance` keys of DESIGN §7 for its task (without
 * `labelCoverage`, which the caller adds with `labelCoverage`), null where undefined; typed by
 * the accumulator's task when that is known.
 *
 * @example
 * const acc = newAccumulator("multiclass_classification");
 * addObservation(acc, { label: "a", prediction: "a" });
 * computeMetrics(acc).task; // "multiclass_classification"
 */
export function computeMetrics(acc: BinaryAccumulator): BinaryMetrics;
export function computeMetrics(acc: MulticlassAccumulator): MulticlassMetrics;
export function computeMetrics(acc: RegressionAccumulator): RegressionMetrics;
export function computeMetrics(acc: MetricsAccumulator): PerformanceMetrics;
export function computeMetrics(acc: MetricsAccumulator): PerformanceMetrics {
  switch (acc.task) {
    case "binary_classification":
      return computeBinaryMetrics(acc);
    case "multiclass_classification":
      return computeMulticlassMetrics(acc);
    case "regression":
      return computeRegressionMetrics(acc);
  }
}
