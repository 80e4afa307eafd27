/**
 * Parquet through hyparquet, one row group at a time (so memory holds one group's rows, not the
 * file's). Parquet needs random access to its footer and column chunks: with `source.read` and
 * `source.size` the file is read in ranges; otherwise (plain streams, or gzip-wrapped Parquet) the
 * whole file is buffered in memory first. Rows are numbered from 1 (plus `startLine` − 1).
 *
 * @example
 * await readParquet(asyncBufferOf(source), source.name, options, handler);
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { ByteSource } from "../types.ts";
import { checkRequired } from "./csv.ts";
import { CorruptParquetError, ReaderError } from "./errors.ts";
import type { RowHandler } from "./handler.ts";
import type { ResolvedOptions } from "./options.ts";

/** The 4-byte magic at both ends of a Parquet file. */
export const PARQUET_MAGIC = "PAR1";

/** Reads every row group (or until the handler is done) and hands each row on. */
export async function readParquet(
  file: AsyncBuffer,
  source: string,
  options: ResolvedOptions,
  handler: RowHandler & { readonly wanted: number },
): Promise<void> {
  const metadata = await guard(source, () => parquetMetadataAsync(file));
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  checkRequired(columns, options.requiredColumns, source);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    let rowStart = groupStart;
    while (rowStart < groupEnd && !handler.done) {
      const rowEnd = Math.min(groupEnd, rowStart + Math.max(1, handler.wanted));
      const rows = await guard(source, () => readRowArrays(file, metadata, columns, rowStart, rowEnd));
      for (let i = 0; i < rows.length && !handler.done; i++) {
        const row = Object.create(null) as Record<string, unknown>;
        for (let c = 0; c < columns.length; c++) row[columns[c]] = rows[i][c];
        handler.row(row, options.startLine + rowStart + i, null, "json");
      }
      rowStart = rowEnd;
      const waiting = handler.drain?.();
      if (waiting) await waiting;
    }
    if (handler.done) return;
    groupStart = groupEnd;
  }
}

/**
 * Rows as arrays in `columns` order. Objects are built here, with a null prototype, because
 * hyparquet's object rows are plain `{}` and a column named "__proto__" would set their prototype.
 */
function readRowArrays(file: AsyncBuffer, metadata: FileMetaData, columns: string[], rowStart: number, rowEnd: number): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    parquetRead({ file, metadata, columns, rowStart, rowEnd, compressors, onComplete: (rows) => resolve(rows) }).then(
      () => resolve([]), // no-op after onComplete; guards a read that completes without rows
      reject,
    );
  });
}

/** A hyparquet AsyncBuffer over a ranged source, or null when the source has no ranged read. */
export function rangedBuffer(source: ByteSource): AsyncBuffer | null {
  const { read, size } = source;
  if (read === undefined || size === undefined) return null;
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      let u8: Uint8Array;
      try {
        u8 = await read.call(source, start, end ?? size);
      } catch (e) {
        if (typeof e === "object" && e !== null) sourceFailures.add(e);
        throw e;
      }
      return u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
    },
  };
}

/** A hyparquet AsyncBuffer over bytes already in memory. */
export function memoryBuffer(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start: number, end?: number): ArrayBuffer =>
      bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.byteLength)) as ArrayBuffer,
  };
}

/**
 * Errors the source's own ranged reads threw (a network or S3 failure). They are not a corrupt
 * file: they propagate as they are, so the caller retries instead of rejecting the object.
 */
const sourceFailures = new WeakSet<object>();

function fromSource(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 5) return false;
  return sourceFailures.has(e) || fromSource((e as { cause?: unknown }).cause, depth + 1);
}

async function guard<T>(source: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ReaderError || fromSource(e)) throw e;
    throw new CorruptParquetError(source, { cause: e });
  }
}
