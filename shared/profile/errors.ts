/**
 * Errors of the profile area. Callers map `ProfileError` subclasses to expected data problems (a
 * bad reference file, partials built with different bin edges); anything else is a bug.
 *
 * @example
 * try { parseProfile(text, "reference.json"); }
 * catch (e) { if (e instanceof ProfileFormatError) return { exitCode: 2, message: e.message }; }
 */

/** Base class of every error the profile area throws on purpose. */
export class ProfileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProfileError";
  }
}

/**
 * A serialised profile is not one this version can read: wrong format version, or a field of the
 * wrong shape. `source` names the file or key, `field` the JSON path (empty for the whole text).
 *
 * @example
 * new ProfileFormatError("reference.json", "formatVersion", "profile format version 2 is not supported (expected 1)")
 *   .message; // "reference.json: profile format version 2 is not supported (expected 1)"
 */
export class ProfileFormatError extends ProfileError {
  readonly source: string;
  readonly field: string;
  constructor(source: string, field: string, problem: string, options?: { cause?: unknown }) {
    super(`${source}: ${problem}`, options);
    this.name = "ProfileFormatError";
    this.source = source;
    this.field = field;
  }
}

/**
 * Two profiles cannot be merged exactly, e.g. a column was binned with different edges.
 *
 * @example
 * new ProfileMergeError("age", "histogram edges differ").message; // "cannot merge column age: histogram edges differ"
 */
export class ProfileMergeError extends ProfileError {
  readonly column: string;
  constructor(column: string, problem: string) {
    super(`cannot merge column ${column}: ${problem}`);
    this.name = "ProfileMergeError";
    this.column = column;
  }
}

/**
 * A builder or accessor was given an argument outside its domain (bad bin edges, p outside [0, 1]).
 *
 * @example
 * new ProfileArgumentError("quantile requires p in [0, 1], got 2").message;
 */
export class ProfileArgumentError extends ProfileError {
  constructor(message: string) {
    super(message);
    this.name = "ProfileArgumentError";
  }
}
