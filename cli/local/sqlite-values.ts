import type { SqlValue } from "sql.js";
import type { FieldValue } from "../../shared/types.ts";
import { LocalBackendError } from "./errors.ts";

/**
 * A field value as JSON text, keeping its type (1, "1" and true stay apart). Non-finite numbers
 * are refused, as DynamoDB refuses them (JSON would silently turn NaN into null).
 *
 * @throws LocalBackendError for NaN or ±Infinity
 * @example
 * toJson("yes"); // "\"yes\""
 * toJson(0.25); // "0.25"
 */
export function toJson(v: FieldValue): string {
  return JSON.stringify(finite(v));
}

/** The inverse of toJson. */
export function fromJson(text: SqlValue): FieldValue {
  return JSON.parse(String(text)) as FieldValue;
}

/**
 * `v` itself, after checking that a number is finite.
 *
 * @example
 * finite(0.5); // 0.5
 * finite(NaN); // throws LocalBackendError
 */
export function finite<T extends FieldValue>(v: T): T {
  if (typeof v === "number" && !Number.isFinite(v)) throw new LocalBackendError(`cannot store the non-finite number ${v}`);
  return v;
}
