/**
 * SageMaker Data Capture payloads (`endpointInput`, `endpointOutput`, `groundTruthData`): the
 * `data` text under its `encoding` (CSV, JSON, or BASE64 read by `observedContentType`), and the
 * input's instances as feature maps. Inputs may be CSV rows (one instance per line), a JSON object,
 * `{"instances": […]}`, `{"inputs": […]}`, `{"features": […]}`, an array of rows, or JSON Lines.
 * Positional values are named by `columnOrder`, else f0, f1, …
 *
 * @example
 * const p = decodePayload({ data: "MSwy", encoding: "BASE64", observedContentType: "text/csv" }, "endpointInput");
 * inputFeatures(p!, ["a", "b"], ctx); // [{ a: 1, b: 2 }]
 */
import type { FieldValue } from "../types.ts";
import { splitCsvLine } from "./csv-fields.ts";
import { MalformedRowError } from "./errors.ts";
import { own } from "./normalise.ts";
import { csvValue, jsonValue, type NonScalarCounter } from "./values.ts";

/** A decoded payload: its text and whether to read it as CSV or JSON. */
export interface Payload {
  kind: "csv" | "json";
  text: string;
}

/** One instance's features: a null-prototype map. */
export type Features = Record<string, FieldValue>;

/** Decodes a payload object; null when absent. @throws MalformedRowError when it is not one */
export function decodePayload(p: unknown, what: string): Payload | null {
  if (p === undefined || p === null) return null;
  if (typeof p !== "object") throw new MalformedRowError(`${what}: expected an object`);
  const data = own(p, "data");
  if (typeof data !== "string") throw new MalformedRowError(`${what}.data: expected a string`);
  const encoding = String(own(p, "encoding") ?? "").toUpperCase();
  if (encoding === "CSV") return { kind: "csv", text: data };
  if (encoding === "JSON") return { kind: "json", text: data };
  const text = encoding === "BASE64" ? Buffer.from(data, "base64").toString("utf8") : data;
  const type = String(own(p, "observedContentType") ?? "").toLowerCase();
  if (type.includes("json")) return { kind: "json", text };
  if (type.includes("csv")) return { kind: "csv", text };
  const first = text.trimStart()[0];
  return { kind: first === "{" || first === "[" ? "json" : "csv", text };
}

/** The non-blank lines of a payload. */
export function payloadLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim().length > 0);
}

/** Parses a JSON payload, or JSON Lines (a list of values) when it has several lines. */
export function parsePayloadJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const lines = payloadLines(text);
    if (lines.length > 1) {
      try {
        return lines.map((l) => JSON.parse(l) as unknown);
      } catch {
        // fall through to the whole-payload message
      }
    }
    throw new MalformedRowError(`${what}: invalid JSON: ${(e as Error).message}`);
  }
}

/** The feature maps of the input's instances. */
export function inputFeatures(p: Payload, columnOrder: readonly string[] | undefined, ctx: NonScalarCounter): Features[] {
  if (p.kind === "csv") {
    return payloadLines(p.text).map((l) => positional(splitCsvLine(l).map(csvValue), columnOrder, ctx));
  }
  return instancesOf(parsePayloadJson(p.text, "endpointInput")).map((inst) => featuresOf(inst, columnOrder, ctx));
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function instancesOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.every(isScalar) ? [v] : v;
  if (typeof v === "object" && v !== null) {
    const list = own(v, "instances") ?? own(v, "inputs");
    if (Array.isArray(list)) return list;
    const features = own(v, "features");
    if (Array.isArray(features) && Object.keys(v).length === 1) return [features];
  }
  return [v];
}

function featuresOf(inst: unknown, columnOrder: readonly string[] | undefined, ctx: NonScalarCounter): Features {
  if (Array.isArray(inst)) return positional(inst, columnOrder, ctx);
  if (typeof inst !== "object" || inst === null) return positional([inst], columnOrder, ctx);
  const nested = own(inst, "features");
  if (Array.isArray(nested) && Object.keys(inst).length === 1) return positional(nested, columnOrder, ctx);
  const out = Object.create(null) as Features;
  for (const k of Object.keys(inst)) out[k] = jsonValue((inst as Record<string, unknown>)[k], ctx);
  return out;
}

function positional(values: readonly unknown[], columnOrder: readonly string[] | undefined, ctx: NonScalarCounter): Features {
  if (columnOrder !== undefined && columnOrder.length !== values.length) {
    throw new MalformedRowError(`expected ${columnOrder.length} fields, found ${values.length}`);
  }
  const out = Object.create(null) as Features;
  for (let i = 0; i < values.length; i++) out[columnOrder?.[i] ?? `f${i}`] = jsonValue(values[i], ctx);
  return out;
}
