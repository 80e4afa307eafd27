/**
 * Errors of the model-quality metrics. Every message names the function that refused and why;
 * the facts are fields, so callers can map them to outcomes without parsing text.
 *
 * @example
 * try { newAccumulator("ranking" as Task); } catch (e) { e instanceof MetricsError; } // true
 */

/** Base class of every error thrown by `shared/metrics`. */
export class MetricsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An option or argument outside its domain (unknown task, threshold outside [0, 1], …).
 *
 * @example
 * new InvalidMetricOptionError("newAccumulator", "threshold", 2, "a number in [0, 1]").message;
 * // "newAccumulator: threshold must be a number in [0, 1], got 2"
 */
export class InvalidMetricOptionError extends MetricsError {
  constructor(
    readonly fn: string,
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${fn}: ${option} must be ${expected}, got ${String(value)}`);
  }
}

/**
 * Two accumulators that cannot be merged: different tasks or different settings.
 *
 * @example
 * new AccumulatorMismatchError("task", "regression", "binary_classification").message;
 * // "mergeAccumulators: task differs (regression vs binary_classification)"
 */
export class AccumulatorMismatchError extends MetricsError {
  constructor(
    readonly field: string,
    readonly left: unknown,
    readonly right: unknown,
  ) {
    super(`mergeAccumulators: ${field} differs (${String(left)} vs ${String(right)})`);
  }
}
