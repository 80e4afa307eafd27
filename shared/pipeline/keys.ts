import { PREFIX } from "../names.ts";

/**
 * The bucket's key layout (DESIGN §2–§3) in one place.
 *
 * @example
 * modelOfKey("predictions/bank/2008/08/01/part-0.jsonl"); // { area: "predictions", model: "bank" }
 */
export function modelOfKey(key: string): { area: "predictions" | "labels" | "reference"; model: string } | null {
  const m = /^(predictions|labels|reference)\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})\/(.+)$/.exec(key);
  return m ? { area: m[1] as "predictions" | "labels" | "reference", model: m[2] } : null;
}

/** `monitors/<model>.yaml` and `.json`, in the order they are tried. */
export const monitorKeys = (model: string): string[] => [`${PREFIX.monitors}${model}.yaml`, `${PREFIX.monitors}${model}.yml`, `${PREFIX.monitors}${model}.json`];

/** The reference profile of a model. */
export const referenceProfileKey = (model: string): string => `${PREFIX.reference}${model}/profile.json`;

/** Whether a key under reference/ is reference data to profile (`reference/<model>/data.<ext>`). */
export const isReferenceData = (key: string): boolean => /^reference\/[^/]+\/data\.(csv|jsonl|json|ndjson|parquet)(\.gz)?$/i.test(key);

/** Prefix of a model's partial profiles. */
export const partialsPrefix = (model: string): string => `${PREFIX.state}${model}/partials/`;

/** The partial profile of one source object for one window: named by the object's key and ETag. */
export const partialKey = (model: string, windowStartMs: number, sourceId: string): string =>
  `${partialsPrefix(model)}${windowStartMs}/${sourceId}.json`;

/** Marks a source object (key and ETag) as ingested. */
export const doneKey = (model: string, sourceId: string): string => `${PREFIX.state}${model}/objects/${sourceId}.json`;

/** Metrics of an evaluated window, kept for `anomaly(…)` rules. */
export const windowMetricsKey = (model: string, windowStartMs: number): string => `${PREFIX.state}${model}/metrics/${windowStartMs}.json`;

/** The quarantine sample of one source object. */
export const quarantineKey = (model: string, sourceId: string): string => `${PREFIX.quarantine}${model}/${sourceId}.jsonl`;

/**
 * A short stable id for (key, ETag): FNV-1a 64-bit in hex, so reprocessing an object writes the
 * same partial and nothing is counted twice.
 */
export function sourceId(key: string, etag: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = `${key}\u0000${etag}`;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x0100019d) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
