import { ProfileFormatError } from "../profile/errors.ts";
import { packProfile } from "../profile/packed.ts";
import { validateProfile } from "../profile/validate.ts";
import type { MetricsAccumulator } from "../metrics/accumulator.ts";
import { TASKS } from "../types.ts";
import type { StoredPartial } from "./ingest.ts";

/**
 * The format of the partial profiles under `state/<model>/partials/`: internal state, written by
 * ingest and read by evaluate. Version 2 (`formatVersion: 2`) packs the profile (arrays of doubles
 * as base64 binary64, see shared/profile/packed.ts): a third smaller than version 1 and about 4×
 * faster to parse. Version 1 partials (plain JSON profile, no `formatVersion`, written before)
 * are still read, so a window ingested across an upgrade evaluates as one.
 */
export const PARTIAL_FORMAT_VERSION = 2;

const KEYS = ["formatVersion", "source", "windowStartMs", "profile", "joinDuplicates"];

/**
 * A partial as stored text (the current format).
 *
 * @example
 * await objects.put(partialKey(model, w, id), encodePartial(partial), "application/json");
 */
export function encodePartial(p: StoredPartial): string {
  const { performance, ...profile } = p.profile;
  return JSON.stringify({
    formatVersion: PARTIAL_FORMAT_VERSION,
    source: p.source,
    windowStartMs: p.windowStartMs,
    joinDuplicates: p.joinDuplicates,
    profile: { ...packProfile(profile), performance },
  });
}

/**
 * Reads a stored partial of either format, checking its shape and its profile's.
 *
 * @throws ProfileFormatError naming the key and the field, e.g.
 *   "state/m/partials/0/x.json: partial format version 3 is not supported (expected 1 or 2)".
 * @example
 * const partial = decodePartial(await objects.getText(key), key);
 */
export function decodePartial(text: string, key: string): StoredPartial {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileFormatError(key, "", `not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const o = object(json, key, "partial");
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) throw new ProfileFormatError(key, k, `partial: unexpected key "${k}"`);
  const version = o.formatVersion ?? 1;
  if (version !== 1 && version !== PARTIAL_FORMAT_VERSION) {
    throw new ProfileFormatError(key, "formatVersion", `partial format version ${JSON.stringify(version)} is not supported (expected 1 or ${PARTIAL_FORMAT_VERSION})`);
  }
  const source = object(o.source, key, "source");
  if (typeof source.key !== "string" || typeof source.etag !== "string") expected(key, "source", "{ key, etag } strings", o.source);
  if (typeof o.windowStartMs !== "number" || !Number.isSafeInteger(o.windowStartMs)) expected(key, "windowStartMs", "an integer", o.windowStartMs);
  if (typeof o.joinDuplicates !== "number" || !Number.isSafeInteger(o.joinDuplicates) || o.joinDuplicates < 0) {
    expected(key, "joinDuplicates", "a non-negative integer", o.joinDuplicates);
  }
  const { performance = null, ...profile } = object(o.profile, key, "profile");
  const task = typeof performance === "object" && performance !== null ? (performance as { task?: unknown }).task : undefined;
  if (performance !== null && !(TASKS as readonly unknown[]).includes(task)) {
    expected(key, "profile.performance", `null or an accumulator of ${TASKS.join(", ")}`, performance);
  }
  return {
    source: { key: source.key as string, etag: source.etag as string },
    windowStartMs: o.windowStartMs as number,
    joinDuplicates: o.joinDuplicates as number,
    profile: { ...validateProfile(profile, key, { packed: version === PARTIAL_FORMAT_VERSION }), performance: performance as MetricsAccumulator | null },
  };
}

function object(x: unknown, key: string, field: string): Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) expected(key, field, "an object", x);
  return x as Record<string, unknown>;
}

function expected(key: string, field: string, what: string, got: unknown): never {
  const shown = got === undefined ? "nothing" : JSON.stringify(got)?.slice(0, 60) ?? String(got);
  throw new ProfileFormatError(key, field, `${field}: expected ${what}, got ${shown}`);
}
