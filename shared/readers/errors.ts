/**
 * Errors of the log readers. File-level problems are `ReaderError`s: they name the source and the
 * problem, and the caller (CLI, ingest Lambda) maps them to an exit code or a quarantine entry.
 * Row-level problems never escape a reader: they become `MalformedRow`s.
 *
 * @example
 * try { await readLog(source, {}, sink); }
 * catch (e) { if (e instanceof ReaderError) report(e.source, e.message); else throw e; }
 */

/** A source that cannot be read as a whole; `message` is "<source>: <problem>". */
export class ReaderError extends Error {
  override name = "ReaderError";
  constructor(
    readonly source: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${problem}`, options);
  }
}

/** The bytes are not text (NUL bytes, UTF-16, or too many invalid UTF-8 sequences). */
export class BinaryFileError extends ReaderError {
  override name = "BinaryFileError";
  constructor(source: string, readonly detail: string) {
    super(source, `binary file, not text (${detail})`);
  }
}

/** A gzip stream ended before its trailer; the complete lines before the break were delivered. */
export class TruncatedGzipError extends ReaderError {
  override name = "TruncatedGzipError";
  constructor(source: string, readonly bytesRead: number, options?: { cause?: unknown }) {
    super(source, `truncated gzip stream after ${bytesRead} bytes`, options);
  }
}

/** A gzip stream whose compressed data or checksum is wrong. */
export class CorruptGzipError extends ReaderError {
  override name = "CorruptGzipError";
  constructor(source: string, readonly bytesRead: number, options?: { cause?: unknown }) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : "";
    super(source, `corrupt gzip stream after ${bytesRead} bytes${why}`, options);
  }
}

/** A CSV header or Parquet schema lacks columns that `requiredColumns` asks for. */
export class MissingColumnsError extends ReaderError {
  override name = "MissingColumnsError";
  constructor(source: string, readonly missing: readonly string[], readonly found: readonly string[]) {
    super(source, `missing required column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  }
}

/** Neither the name nor the first bytes say which format the source is in. */
export class UnsupportedFormatError extends ReaderError {
  override name = "UnsupportedFormatError";
  constructor(source: string, readonly detail: string) {
    super(source, `unsupported format: ${detail}`);
  }
}

/** A Parquet file whose footer or pages cannot be decoded. */
export class CorruptParquetError extends ReaderError {
  override name = "CorruptParquetError";
  constructor(source: string, options?: { cause?: unknown }) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : "";
    super(source, `cannot read Parquet${why}`, options);
  }
}

/**
 * One row cannot become a record (bad timestamp, non-numeric score, too deep nesting). Thrown by
 * the normalisers and caught by the reader, which turns it into a `MalformedRow` with this reason.
 */
export class MalformedRowError extends Error {
  override name = "MalformedRowError";
  constructor(readonly reason: string) {
    super(reason);
  }
}
