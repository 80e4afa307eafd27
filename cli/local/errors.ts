/**
 * Errors the local backend raises itself. Absent objects and failed conditions are return values
 * (null, false), as in the AWS adapters; these are the cases a local run cannot go on from. Each
 * carries the facts as fields.
 *
 * @example
 * try { await objects.put("../etc/passwd", "x"); }
 * catch (e) { if (e instanceof ObjectKeyError) console.error(e.key, e.problem); }
 */
export class LocalBackendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LocalBackendError";
  }
}

/** A key (or list prefix) that cannot name a file under the bucket folder. */
export class ObjectKeyError extends LocalBackendError {
  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(`object key ${JSON.stringify(key)}: ${problem}`);
    this.name = "ObjectKeyError";
  }
}

/** The file behind an opened object was replaced between open() and a read (S3: PreconditionFailed). */
export class ObjectChangedError extends LocalBackendError {
  constructor(readonly key: string) {
    super(`object ${JSON.stringify(key)} changed after it was opened`);
    this.name = "ObjectChangedError";
  }
}

/** Another live process holds the SQLite file; two writers would overwrite each other's exports. */
export class DatabaseLockedError extends LocalBackendError {
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(`${file} is in use by process ${pid} (remove ${file}.lock if that process is gone)`);
    this.name = "DatabaseLockedError";
  }
}

/** The SQLite file was written by a newer layout than this code knows. */
export class DatabaseVersionError extends LocalBackendError {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(`${file}: schema version ${found} is newer than the supported ${supported}`);
    this.name = "DatabaseVersionError";
  }
}
