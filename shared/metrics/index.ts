/**
 * Model-quality metrics (DESIGN §5 "Performance metrics", §7 `performance`): mergeable
 * accumulators for binary, multiclass and regression models, label coverage and label delay.
 *
 * @example
 * const acc = newAccumulator("binary_classification");
 * addObservation(acc, { label: 1, score: 0.8 });
 * computeMetrics(acc).accuracy; // 1
 */
export { type AccumulatorOptions, type MetricsAccumulator, type PerformanceMetrics, addObservation, computeMetrics, mergeAccumulators, newAccumulator } from "./accumulator.ts";
export { type BinaryAccumulator, type BinaryOptions, LOG_LOSS_EPS } from "./binaryAccumulator.ts";
export type { BinaryConfusionMatrix, BinaryMetrics } from "./binaryMetrics.ts";
export { AccumulatorMismatchError, InvalidMetricOptionError, MetricsError } from "./errors.ts";
export { POSITIVE_ALIASES, binaryClass, className, positiveTokens } from "./labels.ts";
export { labelCoverage } from "./labelCoverage.ts";
export { DELAY_RELATIVE_ACCURACY, type DelayHistogram, type LabelDelayPercentiles, addDelay, labelDelayPercentiles, mergeDelayHistograms, newDelayHistogram } from "./labelDelay.ts";
export type { MulticlassAccumulator } from "./multiclassAccumulator.ts";
export type { MulticlassMetrics } from "./multiclassMetrics.ts";
export type { Observation } from "./observation.ts";
export { rocAucErrorBound } from "./rankMetrics.ts";
export { DEFAULT_MAX_DISTINCT_SCORES, type ScoreTable } from "./scoreTable.ts";
export { MAPE_EPS, type RegressionAccumulator, type RegressionMetrics } from "./regression.ts";
