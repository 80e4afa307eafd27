/**
 * Label coverage of a window: the share of its predictions whose ground truth has been joined.
 * Reported beside every performance metric, because metrics over 3% of a window say less than
 * metrics over all of it.
 */
import { InvalidMetricOptionError } from "./errors.ts";

/**
 * joined / predicted; null when nothing was predicted. O(1).
 *
 * @throws {InvalidMetricOptionError} when a count is not a non-negative integer, or joined > predicted
 * @example
 * [labelCoverage(45, 60), labelCoverage(0, 0)]; // [0.75, null]
 */
export function labelCoverage(joined: number, predicted: number): number | null {
  for (const [name, v] of [["joined", joined], ["predicted", predicted]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new InvalidMetricOptionError("labelCoverage", name, v, "a non-negative integer");
  }
  if (joined > predicted) {
    throw new InvalidMetricOptionError("labelCoverage", "joined", joined, `at most predicted (${predicted})`);
  }
  return predicted === 0 ? null : joined / predicted;
}
