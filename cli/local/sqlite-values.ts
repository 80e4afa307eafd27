import type { Param } from "./sqlite-journal.ts";
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
export function fromJson(text: Param): FieldValue {
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

/**
 * A record as JSON text, refusing non-finite numbers anywhere in it (see `finite`).
 *
 * @example
 * recordJson({ firing: true, sinceMs: 5 }); // "{\"firing\":true,\"sinceMs\":5}"
 */
export function recordJson(record: Record<string, unknown>): string {
  return JSON.stringify(record, (_key, v: unknown) => (typeof v === "number" ? finite(v) : v));
}
