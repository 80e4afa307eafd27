/**
 * How logged labels and predictions become classes.
 *
 * Binary rule: a value is normalised to a token (booleans → "true"/"false", numbers → their
 * shortest decimal, strings trimmed and lower-cased, numeric strings as the number they spell, so
 * "1.0" → "1"). The positive class is the token of `positiveLabel`; when that token is one of
 * "1", "true", "yes" (the default, 1, is), all three are positive, so 1, true, "1", "TRUE" and
 * "yes" all mean positive. Every other usable value is the negative class (0, false, "no",
 * "legit", …), as with scikit-learn's `pos_label`. null, NaN, ±Infinity and blank strings are
 * missing.
 *
 * Multiclass rule: the class name is the string itself (case kept), a number's shortest decimal
 * or "true"/"false"; so 1 and "1" are the same class.
 */
import type { FieldValue } from "../types.ts";

/** The tokens that all mean "positive" when the positive label is one of them. */
export const POSITIVE_ALIASES: readonly string[] = ["1", "true", "yes"];

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The normalised token of a binary label or prediction, or null when it is missing.
 *
 * @example
 * [binaryToken(" Yes "), binaryToken("1.0"), binaryToken(true), binaryToken("")]; // ["yes", "1", "true", null]
 */
export function binaryToken(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  const s = value.trim().toLowerCase();
  if (s === "") return null;
  return NUMERIC.test(s) ? String(Number(s)) : s;
}

/**
 * The tokens that count as positive for a `positiveLabel` option (see the rule above).
 *
 * @throws {RangeError} when the positive label is itself missing (null, NaN, blank)
 * @example
 * [positiveTokens(1), positiveTokens("fraud")]; // [["1", "true", "yes"], ["fraud"]]
 */
export function positiveTokens(positiveLabel: string | number | boolean): string[] {
  const token = binaryToken(positiveLabel);
  if (token === null) throw new RangeError(`positiveTokens requires a usable positive label, got ${String(positiveLabel)}`);
  return POSITIVE_ALIASES.includes(token) ? [...POSITIVE_ALIASES] : [token];
}

/**
 * Whether a value is the positive class (true), the negative class (false) or missing (null).
 *
 * @example
 * const pos = positiveTokens(1);
 * [binaryClass("yes", pos), binaryClass(0, pos), binaryClass("no", pos), binaryClass(null, pos)]; // [true, false, false, null]
 */
export function binaryClass(value: FieldValue | undefined, positive: readonly string[]): boolean | null {
  const token = binaryToken(value);
  return token === null ? null : positive.includes(token);
}

/**
 * The multiclass class name of a value, or null when it is missing.
 *
 * @example
 * [className("Cat"), className(2), className(false), className(" ")]; // ["Cat", "2", "false", null]
 */
export function className(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  return value.trim() === "" ? null : value;
}
