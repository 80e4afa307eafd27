import { validateProfile } from "../profile/validate.ts";
import { TASKS } from "../types.ts";
import { REFERENCE_FORMAT_VERSION, type ReferenceProfile } from "./types.ts";

/** A reference profile file is not one this build can read. */
export class ReferenceFormatError extends Error {
  constructor(
    readonly source: string,
    problem: string,
  ) {
    super(`${source}: ${problem}`);
    this.name = "ReferenceFormatError";
  }
}

/** A reference file or object larger than the limit: rejected before it is read. */
export class ReferenceTooLargeError extends ReferenceFormatError {
  constructor(
    source: string,
    readonly size: number,
    readonly limit: number,
    unit: "bytes" | "characters" = "bytes",
  ) {
    super(source, `${size} ${unit} is larger than the limit of ${limit} for a reference profile`);
    this.name = "ReferenceTooLargeError";
  }
}

/**
 * The largest reference profile accepted: 256 MiB, as bytes of a file or object (checked before
 * reading it) and as characters of its text. The largest a profile can legitimately be — 1,000
 * features of 10,000 exact distinct values each — is about 210 MB of JSON.
 */
export const MAX_REFERENCE_BYTES = 256 * 1024 * 1024;
/** The same limit on the text `parseReference` is given. */
export const MAX_REFERENCE_CHARS = MAX_REFERENCE_BYTES;

/**
 * Parses and checks a reference profile (`reference/<model>/profile.json`).
 *
 * @throws ReferenceFormatError naming the source and what was expected.
 * @example
 * parseReference(serialiseReference(ref), "reference/m/profile.json").model;
 */
export function parseReference(text: string, source: string): ReferenceProfile {
  if (text.length > MAX_REFERENCE_CHARS) throw new ReferenceTooLargeError(source, text.length, MAX_REFERENCE_CHARS, "characters");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ReferenceFormatError(source, `not valid JSON (${(e as Error).message})`);
  }
  const r = raw as Partial<ReferenceProfile> | null;
  if (!r || typeof r !== "object" || r.kind !== "vigil-reference") {
    throw new ReferenceFormatError(source, 'not a Vigil reference profile (expected "kind": "vigil-reference"; build one with `vigil profile`)');
  }
  if (r.formatVersion !== REFERENCE_FORMAT_VERSION) {
    throw new ReferenceFormatError(source, `reference format version ${JSON.stringify(r.formatVersion)} is not supported (expected ${REFERENCE_FORMAT_VERSION})`);
  }
  if (typeof r.model !== "string" || !TASKS.includes(r.task as never)) throw new ReferenceFormatError(source, "expected 'model' (text) and 'task' (one of " + TASKS.join(", ") + ")");
  for (const key of ["schema", "binEdges", "baseline"] as const) {
    if (!r[key] || typeof r[key] !== "object" || Array.isArray(r[key])) throw new ReferenceFormatError(source, `expected '${key}' to be an object`);
  }
  if (!Array.isArray(r.chunks)) throw new ReferenceFormatError(source, "expected 'chunks' to be an array");
  // The metric accumulator rides beside the data profile; the profile's own schema is checked strictly.
  const { performance, ...dataProfile } = (r.profile ?? {}) as ReferenceProfile["profile"];
  const profile = validateProfile(dataProfile, `${source} (profile)`);
  // JSON.parse gives ordinary objects; re-home the keyed maps so names like "__proto__" stay data.
  return {
    ...(r as ReferenceProfile),
    profile: { ...profile, performance: performance ?? null },
    schema: Object.assign(Object.create(null), r.schema),
    binEdges: Object.assign(Object.create(null), r.binEdges),
  };
}

/** Serialises a reference profile as JSON. */
export function serialiseReference(ref: ReferenceProfile): string {
  return JSON.stringify(ref);
}
