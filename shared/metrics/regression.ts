/**
 * Regression metrics (scikit-learn 1.2's `mean_absolute_error`, `mean_squared_error`, RMSE as its
 * square root, `mean_absolute_percentage_error`, `r2_score`) from a mergeable accumulator of exact
 * sums: Σ|e|, Σe², Σ|e|/max(|y|, ε) with ε = 2^-52, and Σy, Σy² (y² kept without rounding) for
 * the total sum of squares. Every sum is exact, so merging is exact in any order. R² with constant
 * y follows `force_finite=True`: 1 for perfect predictions, else 0 (exactly constant here, where
 * numpy's mean can leave a residue of 1e-30 and give a huge negative R²); null below 2 observations.
 * Labels and predictions are finite numbers (or numeric strings) with |v| < 2^400.
 */
import { type ExactSum, exactSumAdd, exactSumMerge, exactSumValue } from "./exactSum.ts";
import { exactSumAddSquare, sumOfSquaredDeviations } from "./exactProduct.ts";
import type { FieldValue } from "../types.ts";
import type { Observation } from "./observation.ts";

/** The float64 epsilon that `mean_absolute_percentage_error` puts under |y|. */
export const MAPE_EPS = 2 ** -52;
/** Values at or beyond this magnitude are unusable: n·Σy² would overflow. */
export const MAX_ABS_REGRESSION_VALUE = 2 ** 400;

/** Sufficient statistics of regression metrics; plain JSON. */
export interface RegressionAccumulator {
  task: "regression";
  count: number;
  absError: ExactSum;
  squaredError: ExactSum;
  percentError: ExactSum;
  sumY: ExactSum;
  sumY2: ExactSum;
}

/** The `performance` keys of DESIGN §7 for a regression model, plus the task and the count. */
export interface RegressionMetrics {
  task: "regression";
  count: number;
  mae: number | null;
  mse: number | null;
  rmse: number | null;
  mape: number | null;
  r2: number | null;
}

/**
 * An empty regression accumulator.
 *
 * @example
 * newRegressionAccumulator().count; // 0
 */
export function newRegressionAccumulator(): RegressionAccumulator {
  return { task: "regression", count: 0, absError: [], squaredError: [], percentError: [], sumY: [], sumY2: [] };
}

function numeric(v: FieldValue | undefined): number | null {
  const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Math.abs(x) < MAX_ABS_REGRESSION_VALUE ? x : null;
}

/**
 * Counts one observation; returns false, counting nothing, unless label and prediction are usable numbers.
 *
 * @example
 * const acc = newRegressionAccumulator();
 * [addRegressionObservation(acc, { label: 3, prediction: "2.5" }), addRegressionObservation(acc, { label: 3, prediction: null })]; // [true, false]
 */
export function addRegressionObservation(acc: RegressionAccumulator, o: Observation): boolean {
  const y = numeric(o.label);
  const yHat = numeric(o.prediction);
  if (y === null || yHat === null) return false;
  const e = y - yHat;
  acc.count++;
  exactSumAdd(acc.absError, Math.abs(e));
  exactSumAdd(acc.squaredError, e * e);
  exactSumAdd(acc.percentError, Math.abs(e) / Math.max(Math.abs(y), MAPE_EPS));
  exactSumAdd(acc.sumY, y);
  exactSumAddSquare(acc.sumY2, y);
  return true;
}

/**
 * The accumulator of both inputs' observations (inputs unchanged); exact, associative, commutative.
 *
 * @example
 * const a = newRegressionAccumulator(); addRegressionObservation(a, { label: 1, prediction: 0 });
 * mergeRegressionAccumulators(a, a).count; // 2
 */
export function mergeRegressionAccumulators(a: RegressionAccumulator, b: RegressionAccumulator): RegressionAccumulator {
  return {
    task: "regression",
    count: a.count + b.count,
    absError: exactSumMerge(a.absError, b.absError),
    squaredError: exactSumMerge(a.squaredError, b.squaredError),
    percentError: exactSumMerge(a.percentError, b.percentError),
    sumY: exactSumMerge(a.sumY, b.sumY),
    sumY2: exactSumMerge(a.sumY2, b.sumY2),
  };
}

/**
 * The metrics of a regression accumulator.
 *
 * @example
 * const acc = newRegressionAccumulator();
 * for (const [label, prediction] of [[3, 2.5], [-0.5, 0], [2, 2], [7, 8]]) addRegressionObservation(acc, { label, prediction });
 * const m = computeRegressionMetrics(acc);
 * [m.mae, m.mse, m.r2]; // [0.5, 0.375, 0.9486081370449679]
 */
export function computeRegressionMetrics(acc: RegressionAccumulator): RegressionMetrics {
  const n = acc.count;
  if (n === 0) return { task: "regression", count: 0, mae: null, mse: null, rmse: null, mape: null, r2: null };
  const sse = exactSumValue(acc.squaredError);
  const mse = sse / n;
  let r2: number | null = null;
  if (n >= 2) {
    const sst = sumOfSquaredDeviations(n, acc.sumY, acc.sumY2);
    r2 = sse === 0 ? 1 : sst === 0 ? 0 : 1 - sse / sst;
  }
  return { task: "regression", count: n, mae: exactSumValue(acc.absError) / n, mse, rmse: Math.sqrt(mse),
    mape: exactSumValue(acc.percentError) / n, r2 };
}
