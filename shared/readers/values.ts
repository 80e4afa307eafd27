/**
 * Value coercion. CSV cells are text: numeric-looking cells become numbers ("1e3", "-0.5"),
 * "NaN"/"Infinity"/"-Infinity" the non-finite numbers, "" and the null tokens null, and everything
 * else ("true", "false" included) stays a string. JSON values keep their type, except the null
 * tokens. A non-scalar value (object or array) in a scalar slot reads as null and is counted;
 * nested deeper than `MAX_NESTING_DEPTH` it makes the row malformed instead.
 *
 * @example
 * csvValue("1e3"); // 1000
 * csvValue("N/A"); // null
 * jsonValue("NA", counter); // null
 *
 * Parquet values go through `jsonValue` too: BigInt becomes a number (text beyond 2^53), Date its
 * epoch milliseconds, bytes and nested groups null (counted).
 */
import type { FieldValue } from "../types.ts";
import { MalformedRowError } from "./errors.ts";

/** Deepest object/array nesting accepted inside a row (a non-scalar value is still null). */
export const MAX_NESTING_DEPTH = 100;

/** Counts values that were objects or arrays. */
export interface NonScalarCounter {
  nonScalar: number;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True for "", "null", "NULL", "NA", "N/A" (the spellings of a missing value in logs). */
export function isNullToken(s: string): boolean {
  return s.length <= 4 && (s === "" || s === "null" || s === "NULL" || s === "NA" || s === "N/A");
}

/** Reads a CSV cell; see the module comment for the rules. */
export function csvValue(cell: string): FieldValue {
  let s = cell;
  if (s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32)) s = s.trim();
  if (isNullToken(s)) return null;
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (NUMBER_RE.test(s)) return Number(s);
    if (s === "-Infinity") return Number.NEGATIVE_INFINITY;
    if (s === "+Infinity") return Number.POSITIVE_INFINITY;
    return cell;
  }
  if (s === "NaN") return Number.NaN;
  if (s === "Infinity") return Number.POSITIVE_INFINITY;
  return cell;
}

/** Reads a JSON (or Parquet) value into a scalar slot. */
export function jsonValue(v: unknown, counter: NonScalarCounter): FieldValue {
  switch (typeof v) {
    case "number":
    case "boolean":
      return v;
    case "string":
      return v.length <= 4 && isNullToken(v) ? null : v;
    case "object":
      if (v === null) return null;
      if (v instanceof Date) return v.getTime();
      return nonScalar(v, counter);
    case "bigint":
      return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    default:
      return null;
  }
}

/** Reads a number slot (score, latency): numbers and numeric strings; else the row is malformed. */
export function numberValue(v: unknown, what: string, counter: NonScalarCounter): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const s = typeof v === "string" ? csvValue(v) : jsonValue(v, counter);
  if (s === null || (typeof s === "number" && !Number.isFinite(s))) return null;
  if (typeof s === "number") return s;
  throw new MalformedRowError(`${what}: not a number '${String(s).slice(0, 100)}'`);
}

/** Reads an id or version slot as text. */
export function textValue(v: unknown, counter: NonScalarCounter): string | null {
  const s = jsonValue(v, counter);
  return s === null ? null : typeof s === "string" ? s : String(s);
}

function nonScalar(v: object, counter: NonScalarCounter): null {
  if (nestingDepth(v) > MAX_NESTING_DEPTH) {
    throw new MalformedRowError(`value nested deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  counter.nonScalar++;
  return null;
}

/** Depth of an object/array tree, without recursion; stops counting past the limit. */
function nestingDepth(root: object): number {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let max = 0;
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_NESTING_DEPTH) return max;
    for (const k of Object.keys(v as object)) {
      const child = (v as Record<string, unknown>)[k];
      if (typeof child === "object" && child !== null) stack.push([child, d + 1]);
    }
  }
  return max;
}
