import { PROFILE_FORMAT_VERSION } from "./constants.ts";
import { ProfileFormatError } from "./errors.ts";
import type { Profile } from "./types.ts";
import { validateProfile } from "./validate.ts";

/**
 * The profile as JSON text. Deterministic: equal profiles give equal text. Feature names are
 * ordinary keys, "__proto__" included (the features object has no prototype, so it is an own key).
 *
 * @example
 * const text = serialiseProfile(builder.finish());
 */
export function serialiseProfile(p: Profile): string {
  return JSON.stringify(p);
}

/**
 * Reads a profile written by `serialiseProfile`, checking the format version and the shape of
 * every field. Feature maps come back as null-prototype objects, so a feature named "__proto__"
 * or "constructor" is data.
 *
 * @throws ProfileFormatError naming `sourceName` and what was expected, e.g.
 *   "reference.json: profile format version 2 is not supported (expected 1)".
 * @example
 * const reference = parseProfile(await readText(key), key);
 */
export function parseProfile(text: string, sourceName: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileFormatError(sourceName, "", `not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ProfileFormatError(sourceName, "", "expected a JSON object holding a profile");
  }
  const version = (json as Record<string, unknown>).formatVersion;
  if (version !== PROFILE_FORMAT_VERSION) {
    const problem = version === undefined
      ? `formatVersion is missing (expected ${PROFILE_FORMAT_VERSION})`
      : `profile format version ${JSON.stringify(version)} is not supported (expected ${PROFILE_FORMAT_VERSION})`;
    throw new ProfileFormatError(sourceName, "formatVersion", problem);
  }
  return validateProfile(json as Record<string, unknown>, sourceName);
}
