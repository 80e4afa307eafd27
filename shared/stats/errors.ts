/**
 * Errors of the statistics in `shared/stats`. Every message names the function that refused and
 * the problem, e.g. "psi requires at least one bin"; the facts are fields, so callers (the drift
 * layer) can map them to outcomes without parsing text.
 *
 * @example
 * try { psi([], []); } catch (e) { (e as InvalidStatsInputError).fn; } // "psi"
 */

/** Base class of every error thrown by `shared/stats`. */
export class StatsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An input a statistic cannot take: an empty sample, count arrays of different lengths, a negative
 * or non-finite count, a sample whose values are not strictly increasing, and so on.
 *
 * @example
 * new InvalidStatsInputError("psi", "requires at least one bin").message;
 * // "psi requires at least one bin"
 */
export class InvalidStatsInputError extends StatsError {
  constructor(
    readonly fn: string,
    readonly problem: string,
  ) {
    super(`${fn} ${problem}`);
  }
}
