import type { FeatureType } from "../types.ts";
import { categoricalValueCount, distinctNumbers, numericValueCount } from "./column-stats.ts";
import { MAX_CATEGORICAL_NUMBER_DISTINCT, NUMERICAL_SHARE } from "./constants.ts";
import type { ColumnSummary } from "./types.ts";

/**
 * The feature type of a column. Rules, first match wins:
 * 1. a declared type wins: the `declared` argument, else the column's `declaredType`;
 * 2. a column with no non-null value is categorical (every value can be a category, not every
 *    value a number, so this is the permissive choice);
 * 3. numerical when numbers (NaN and ±∞ included) are ≥ 95% of the non-null values and the finite
 *    numbers take more than 2 distinct values;
 * 4. otherwise categorical: text, booleans, mixed columns, and 0/1 or two-valued number codes.
 *
 * @example
 * inferType(col);                // from the values
 * inferType(col, "categorical"); // "categorical"
 */
export function inferType(col: ColumnSummary, declared?: FeatureType | null): FeatureType {
  if (declared) return declared;
  if (col.declaredType !== null) return col.declaredType;
  const numbers = numericValueCount(col);
  const total = numbers + categoricalValueCount(col);
  if (total === 0) return "categorical";
  if (numbers >= NUMERICAL_SHARE * total && distinctNumbers(col) > MAX_CATEGORICAL_NUMBER_DISTINCT) return "numerical";
  return "categorical";
}

/**
 * Values of the other kind than the declared (or inferred) type: for numerical, strings and
 * booleans; for categorical, numbers. Nulls are never mismatches.
 *
 * @example
 * typeMismatches(col, "numerical"); // rows holding text in a numerical column
 */
export function typeMismatches(col: ColumnSummary, declared?: FeatureType | null): number {
  return inferType(col, declared) === "numerical" ? categoricalValueCount(col) : numericValueCount(col);
}
