import type { MetricDatum } from "../../shared/ports.ts";

/** PutMetricData limits (DESIGN §6); the SDK checks none of them. */
export const MAX_DATUMS_PER_CALL = 1_000;
/** 1 MB per request; kept under 1 MiB with the namespace and envelope counted separately. */
export const MAX_PAYLOAD_BYTES = 1_000_000;
export const MAX_DIMENSIONS = 30;
export const MAX_DIMENSION_VALUE_CHARS = 1_024;
export const MAX_NAME_CHARS = 255;
export const MAX_AGE_MS = 14 * 24 * 3_600_000;
export const MAX_FUTURE_MS = 2 * 3_600_000;
/** CloudWatch rejects |value| > 2^360; non-zero values below 2^-360 are sent as 0. */
const MAX_ABS_VALUE = 2 ** 360;
const MIN_ABS_VALUE = 2 ** -360;
/** Bytes per datum and per dimension besides their strings: field names, member paths, numbers. */
const DATUM_OVERHEAD_BYTES = 160;
const DIMENSION_OVERHEAD_BYTES = 64;

/** Why datums were dropped (each counts datums), and how many dimension strings were cut. */
export interface MetricDropCounts {
  nonFinite: number;
  outOfRange: number;
  tooOld: number;
  tooFarAhead: number;
  tooManyDimensions: number;
  emptyDimension: number;
  badName: number;
  truncatedDimensions: number;
}

/** Zero counts, to start a tally. */
export function noDrops(): MetricDropCounts {
  return { nonFinite: 0, outOfRange: 0, tooOld: 0, tooFarAhead: 0, tooManyDimensions: 0, emptyDimension: 0, badName: 0, truncatedDimensions: 0 };
}

/** Cuts a string to at most `max` UTF-16 units (so also code points), never splitting a pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** A conservative size of a string on the wire: the larger of its JSON and URL encodings. */
function wireBytes(s: string): number {
  return Math.max(encodeURIComponent(s).length, Buffer.byteLength(JSON.stringify(s), "utf8"));
}

/** Conservative request bytes of one datum, whether the SDK speaks JSON or the query protocol. */
export function datumBytes(d: MetricDatum): number {
  let n = DATUM_OVERHEAD_BYTES + wireBytes(d.name);
  for (const [k, v] of Object.entries(d.dimensions)) n += DIMENSION_OVERHEAD_BYTES + wireBytes(k) + wireBytes(v);
  return n;
}

/**
 * Keeps the datums CloudWatch would accept, fixing what can be fixed without changing a metric's
 * identity beyond the limit: dimension values (and names) longer than 1024 (255) characters are
 * cut; datums with a non-finite or out-of-range value, a timestamp older than 14 days or more than
 * 2 h ahead of `nowMs`, more than 30 dimensions, an empty dimension name or value, or an empty or
 * over-long metric name are dropped (trimming dimensions would publish under another metric) and
 * counted in `drops`.
 *
 * @example
 * const drops = noDrops();
 * admissible([{ name: "F1", value: NaN, timestampMs: now, dimensions: {} }], now, drops); // []
 * drops.nonFinite; // 1
 */
export function admissible(data: readonly MetricDatum[], nowMs: number, drops: MetricDropCounts): MetricDatum[] {
  const out: MetricDatum[] = [];
  for (const d of data) {
    const dims = Object.entries(d.dimensions);
    if (!Number.isFinite(d.value)) drops.nonFinite++;
    else if (Math.abs(d.value) > MAX_ABS_VALUE) drops.outOfRange++;
    else if (!(d.timestampMs >= nowMs - MAX_AGE_MS)) drops.tooOld++;
    else if (d.timestampMs > nowMs + MAX_FUTURE_MS) drops.tooFarAhead++;
    else if (dims.length > MAX_DIMENSIONS) drops.tooManyDimensions++;
    else if (dims.some(([k, v]) => k.trim() === "" || v.trim() === "")) drops.emptyDimension++;
    else if (d.name.trim() === "" || d.name.length > MAX_NAME_CHARS) drops.badName++;
    else {
      const dimensions: Record<string, string> = {};
      for (const [k, v] of dims) {
        const key = cut(k, MAX_NAME_CHARS);
        const value = cut(v, MAX_DIMENSION_VALUE_CHARS);
        if (key !== k || value !== v) drops.truncatedDimensions++;
        dimensions[key] = value;
      }
      const value = Math.abs(d.value) < MIN_ABS_VALUE ? 0 : d.value;
      out.push({ ...d, value, dimensions });
    }
  }
  return out;
}

/**
 * Splits datums into PutMetricData calls of at most 1000 datums and `budgetBytes` (estimated).
 *
 * @example
 * batches(twoThousandFiveHundred, 900_000).map((b) => b.length); // [1000, 1000, 500]
 */
export function batches(data: readonly MetricDatum[], budgetBytes: number): MetricDatum[][] {
  const out: MetricDatum[][] = [];
  let current: MetricDatum[] = [];
  let bytes = 0;
  for (const d of data) {
    const size = datumBytes(d);
    if (current.length > 0 && (current.length === MAX_DATUMS_PER_CALL || bytes + size > budgetBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(d);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
