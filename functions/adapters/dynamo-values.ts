import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { FieldValue } from "../../shared/types.ts";
import { KeyPartError } from "./errors.ts";

/** DynamoDB numbers span 1E-130 to 9.9999999999999999999999999999999999999E+125 in magnitude. */
const MAX_ABS_NUMBER = 9.99999999999999e125;
const MIN_ABS_NUMBER = 1e-130;

/**
 * DynamoDB attribute values for the port types, keeping JSON types: numbers as N, text as S,
 * booleans as BOOL, null as NULL. DynamoDB numbers carry 38 significant digits, so every finite
 * double in its range round-trips through its shortest decimal string. Numbers DynamoDB would
 * reject (and so fail the whole batch) are stored as null (non-finite, or beyond 1E+126) or 0
 * (below 1E-130).
 *
 * @example
 * toAttr(0.25); // { N: "0.25" }
 * toAttr(1e300); // { NULL: true }
 * fromAttr({ BOOL: true }); // true
 */
export function toAttr(v: FieldValue): AttributeValue {
  if (v === null) return { NULL: true };
  if (typeof v === "number") {
    if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS_NUMBER) return { NULL: true };
    return { N: Math.abs(v) < MIN_ABS_NUMBER ? "0" : String(v) };
  }
  if (typeof v === "boolean") return { BOOL: v };
  return { S: v };
}

/** The inverse of toAttr; anything else (absent, a list, …) reads as null. */
export function fromAttr(a: AttributeValue | undefined): FieldValue {
  if (!a) return null;
  if (a.N !== undefined) return Number(a.N);
  if (a.S !== undefined) return a.S;
  if (a.BOOL !== undefined) return a.BOOL;
  return null;
}

/** A number attribute, or null when absent or NULL. */
export function numAttr(a: AttributeValue | undefined): number | null {
  return a?.N !== undefined ? Number(a.N) : null;
}

/** A string attribute, or null when absent or NULL. */
export function strAttr(a: AttributeValue | undefined): string | null {
  return a?.S !== undefined ? a.S : null;
}

/** A string → string map as an M attribute, and back. */
export function toStringMap(m: Record<string, string>): AttributeValue {
  return { M: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { S: v }])) };
}

/** The inverse of toStringMap. */
export function fromStringMap(a: AttributeValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a?.M ?? {})) if (v.S !== undefined) out[k] = v.S;
  return out;
}

/** The model part of a key: `#` separates key parts, so a model name must not contain it. */
export function modelPart(model: string): string {
  if (model.includes("#")) throw new KeyPartError("model", model);
  return model;
}

/** True for the SDK error a failed ConditionExpression raises. */
export function isConditionFailed(e: unknown): boolean {
  return (e as { name?: string }).name === "ConditionalCheckFailedException";
}
