import { InvalidStatsInputError } from "./errors.ts";
import { pairwiseSum } from "./pairwiseSum.ts";

/** The totals of a reference and a current count vector over the same bins. */
export interface CountTotals {
  ref: number;
  cur: number;
}

/**
 * Checks two count vectors over the same bins (or categories) and returns their totals.
 *
 * The binned measures (psi, jensenShannon, kl, hellinger, chiSquare, zTest) take raw counts and
 * normalise them themselves, so both vectors must have the same positive length, hold finite
 * non-negative numbers and each put weight somewhere.
 *
 * Complexity: O(k) for k bins.
 *
 * @throws InvalidStatsInputError naming `fn`: "psi requires at least one bin", different lengths,
 * a negative or non-finite count, or an all-zero vector.
 * @example
 * validateCounts("psi", [1, 3], [2, 2]); // { ref: 4, cur: 4 }
 */
export function validateCounts(fn: string, ref: ArrayLike<number>, cur: ArrayLike<number>): CountTotals {
  if (ref.length === 0 || cur.length === 0) throw new InvalidStatsInputError(fn, "requires at least one bin");
  if (ref.length !== cur.length) {
    throw new InvalidStatsInputError(fn, `requires count arrays of equal length (${ref.length} vs ${cur.length})`);
  }
  return { ref: total(fn, "reference", ref), cur: total(fn, "current", cur) };
}

function total(fn: string, name: string, counts: ArrayLike<number>): number {
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0) || !Number.isFinite(c)) {
      throw new InvalidStatsInputError(fn, `requires finite non-negative ${name} counts, got ${c} at bin ${i}`);
    }
  }
  // NumPy's order, so fractional counts normalise exactly as `counts / counts.sum()` does.
  const sum = pairwiseSum(counts);
  if (!(sum > 0)) throw new InvalidStatsInputError(fn, `requires a non-empty ${name} distribution`);
  return sum;
}
