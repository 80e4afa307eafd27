/**
 * Turns one parsed row into a `LogRecord` with the configured field names. A row with an object
 * under the features key is canonical: its keys are the features and other unmapped top-level keys
 * are ignored (metadata). Otherwise the row is flat: every unmapped key is a feature. CSV rows are
 * always flat and their cells are text (`csvValue` rules); id and version keep their text as
 * written ("007" stays "007").
 *
 * @example
 * const ctx = normaliseContext(DEFAULT_FIELDS);
 * toLogRecord({ timestamp: 0, request_id: "a", features: { x: 1 } }, "json", ctx).features.x; // 1
 */
import { type FieldMap, type FieldValue, type LogRecord } from "../types.ts";
import { MalformedRowError } from "./errors.ts";
import { inTimestampRange, parseTimestampAnyRange } from "./timestamp.ts";
import { csvValue, jsonValue, numberValue, textValue, type NonScalarCounter } from "./values.ts";

/** How a row's values were written: typed JSON/Parquet values, or CSV text. */
export type ValueMode = "json" | "csv";

/** Per-read state of the normaliser: the field names and the count of non-scalar values. */
export interface NormaliseContext extends NonScalarCounter {
  readonly fields: FieldMap;
  /** The mapped field names (not features in flat rows). */
  readonly mapped: ReadonlySet<string>;
  /** Records timestamped after this (epoch ms) are malformed; +∞ for no limit. */
  readonly latestMs: number;
}

/** Builds the per-read state of the normaliser. */
export function normaliseContext(fields: FieldMap, latestMs = Number.POSITIVE_INFINITY): NormaliseContext {
  const mapped = new Set([fields.timestamp, fields.id, fields.prediction, fields.score, fields.label]);
  for (const k of [fields.version, fields.latency, fields.features, fields.probabilities]) mapped.add(k);
  return { fields, mapped, nonScalar: 0, latestMs };
}

/** The own property `key` of `o`, never an inherited one ("constructor" in a log is data). */
export function own(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * Builds a record from a row.
 *
 * @throws MalformedRowError for an unparseable timestamp, a non-numeric score or latency, a
 *   features value that is not an object, or a value nested deeper than MAX_NESTING_DEPTH
 */
export function toLogRecord(row: Record<string, unknown>, mode: ValueMode, ctx: NormaliseContext): LogRecord {
  const f = ctx.fields;
  const scalar = mode === "csv" ? csvScalar : jsonValue;
  const nested = mode === "json" ? own(row, f.features) : undefined;
  let features: Record<string, FieldValue>;
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== "object" || Array.isArray(nested)) {
      throw new MalformedRowError(`${f.features}: expected an object of features`);
    }
    features = adoptFeatures(nested as Record<string, unknown>, ctx);
  } else {
    features = Object.create(null) as Record<string, FieldValue>;
    copyFeatures(row, features, ctx.mapped, scalar, ctx);
  }
  const ts = own(row, f.timestamp);
  // Same property order as emptyRecord(), so every record shares one hidden class.
  return {
    timestampMs: ts === undefined ? null : timestampOf(ts, ctx.latestMs),
    id: textValue(own(row, f.id), ctx),
    version: textValue(own(row, f.version), ctx),
    prediction: scalar(own(row, f.prediction), ctx),
    score: numberValue(own(row, f.score), f.score, ctx),
    probabilities: probabilitiesOf(own(row, f.probabilities), ctx),
    label: scalar(own(row, f.label), ctx),
    latencyMs: numberValue(own(row, f.latency), f.latency, ctx),
    features,
  };
}

/**
 * A timestamp value in epoch ms, or null when missing.
 *
 * @throws MalformedRowError when it cannot be read, lies outside the years 0001–9999, or is later
 *   than `latestMs`
 * @example
 * timestampOf("2024-01-15T10:30:00Z"); // 1705314600000
 * timestampOf(1e300); // throws "timestamp: '1e+300' is outside the years 0001–9999"
 */
export function timestampOf(v: unknown, latestMs = Number.POSITIVE_INFINITY): number | null {
  const ms = parseTimestampAnyRange(v);
  if (ms === null) return null;
  if (Number.isNaN(ms)) throw new MalformedRowError(`timestamp: cannot parse '${String(v).slice(0, 100)}'`);
  if (!inTimestampRange(ms)) throw new MalformedRowError(`timestamp: '${String(v).slice(0, 100)}' is outside the years 0001–9999`);
  if (ms > latestMs) {
    throw new MalformedRowError(`timestamp: ${new Date(ms).toISOString()} is later than the latest accepted time ${isoOrRaw(latestMs)}`);
  }
  return ms;
}

function isoOrRaw(ms: number): string {
  return inTimestampRange(ms) ? new Date(ms).toISOString() : String(ms);
}

function csvScalar(v: unknown, ctx: NonScalarCounter): FieldValue {
  return typeof v === "string" ? csvValue(v) : jsonValue(v, ctx);
}

// for-in rather than Object.keys: it walks V8's enum cache without allocating, which is most of the
// reader's cost over JSON.parse. Objects from JSON.parse have only own enumerable keys (nothing in
// this code adds to Object.prototype), and CSV rows have no prototype at all.
function copyFeatures(
  from: Record<string, unknown>,
  to: Record<string, FieldValue>,
  skip: ReadonlySet<string>,
  scalar: (v: unknown, ctx: NonScalarCounter) => FieldValue,
  ctx: NonScalarCounter,
): void {
  for (const k in from) {
    if (skip.has(k)) continue;
    to[k] = scalar(from[k], ctx);
  }
}

/**
 * Adopts a parsed features object as the record's feature map: drops its prototype (its keys,
 * "__proto__" included, are own data properties, as JSON.parse made them) and fixes in place the
 * few values that need it. Cheaper than copying into a fresh null-prototype object.
 */
function adoptFeatures(features: Record<string, unknown>, ctx: NonScalarCounter): Record<string, FieldValue> {
  // Values first, while the object is still in fast mode (for-in then uses V8's enum cache).
  for (const k in features) {
    const v = features[k];
    const t = typeof v;
    if (t === "number" || t === "boolean" || (t === "string" && (v as string).length > 4)) continue;
    features[k] = jsonValue(v, ctx);
  }
  return Object.setPrototypeOf(features, null) as Record<string, FieldValue>;
}

/** A class → probability map from an object or an array (keys "0", "1", …); else null. */
export function probabilitiesOf(v: unknown, ctx: NonScalarCounter): Record<string, number> | null {
  if (typeof v !== "object" || v === null) return null;
  const out = Object.create(null) as Record<string, number>;
  let any = false;
  for (const k of Object.keys(v)) {
    const p = numberValue((v as Record<string, unknown>)[k], "probabilities", ctx);
    if (p !== null) {
      out[k] = p;
      any = true;
    }
  }
  return any ? out : null;
}
