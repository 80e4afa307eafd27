/**
 * Reads a source's rows whatever its format, handing each to a `RowHandler`: sniffs gzip and
 * Parquet, rejects binary files, picks the text reader, and streams chunk by chunk (JSON Lines and
 * CSV never hold more than a chunk and one line). Truncated gzip: the rows before the break are
 * handed on, then `TruncatedGzipError` is thrown.
 *
 * @example
 * const facts = await readRows(source, resolveOptions({}), handler); // { format, compressed, bytes }
 */
import { normaliseContext, type NormaliseContext } from "./normalise.ts";
import type { ByteSource } from "../types.ts";
import { csvReader } from "./csv.ts";
import { binaryReason, formatFromName, isGzip, isParquet, SNIFF_BYTES, textFormat } from "./detect.ts";
import { BinaryFileError, UnsupportedFormatError } from "./errors.ts";
import { gunzip } from "./gzip.ts";
import type { ReadFacts, RowHandler } from "./handler.ts";
import { jsonArrayReader } from "./json-array.ts";
import { jsonLinesReader } from "./jsonl.ts";
import type { ResolvedOptions } from "./options.ts";
import { memoryBuffer, rangedBuffer } from "./parquet-source.ts";
import { collect, counted, peek } from "./stream.ts";

/** A row handler that also says how many more rows it wants (Parquet reads no more than that). */
export type CountingHandler = RowHandler & { readonly wanted: number };

/**
 * The counting shared by the record and label handlers: rows delivered, rows bad, and how many
 * more the caller's `maxRows` allows.
 */
export abstract class CountingRowHandler {
  rows = 0;
  bad = 0;
  readonly ctx: NormaliseContext;

  constructor(protected readonly options: ResolvedOptions) {
    this.ctx = normaliseContext(options.fields, options.latestTimestampMs);
  }

  get done(): boolean {
    return this.rows >= this.options.maxRows;
  }

  get wanted(): number {
    return this.options.maxRows - this.rows;
  }
}

/** The Parquet reader, loaded on first use: hyparquet and its codecs cost ≈ 60 ms to load. */
async function parquetReader(): Promise<typeof import("./parquet.ts").readParquet> {
  return (await import("./parquet.ts")).readParquet;
}

/**
 * Reads every row of `source` into `handler` and tells what the bytes were.
 *
 * @throws ReaderError subclasses for file-level problems (see `readLog`)
 */
export async function readRows(source: ByteSource, options: ResolvedOptions, handler: CountingHandler): Promise<ReadFacts> {
  const byName = formatFromName(source.name);
  const declared = options.format ?? byName.format;
  const ranged = rangedBuffer(source);
  if (declared === "parquet" && !byName.gzipName && ranged !== null && ranged.byteLength >= 4) {
    const magic = new Uint8Array(await ranged.slice(0, 4));
    if (isParquet(magic)) {
      await (await parquetReader())(ranged, source.name, options, handler);
      return { format: "parquet", compressed: false, bytes: ranged.byteLength };
    }
  }
  const counter = { bytes: 0 };
  const stored = await peek(counted(source.stream(), counter), 4);
  const compressed = isGzip(stored.head);
  const text = await peek(compressed ? gunzip(stored.rest, source.name) : stored.rest, SNIFF_BYTES);
  if (isParquet(text.head)) {
    const inPlace = compressed ? null : ranged;
    const file = inPlace ?? memoryBuffer(await collect(text.rest));
    if (inPlace !== null) await text.close();
    await (await parquetReader())(file, source.name, options, handler);
    return { format: "parquet", compressed, bytes: inPlace !== null ? inPlace.byteLength : counter.bytes };
  }
  if (declared === "parquet" && text.head.length > 0) {
    await text.close();
    throw new UnsupportedFormatError(source.name, "not a Parquet file (no PAR1 magic)");
  }
  const binary = binaryReason(text.head);
  if (binary !== null) {
    await text.close();
    throw new BinaryFileError(source.name, binary);
  }
  let format: ReadFacts["format"];
  try {
    format = text.head.length === 0 ? (declared ?? "jsonl") : textFormat(declared, text.head, source.name);
  } catch (e) {
    await text.close();
    throw e;
  }
  const reader =
    format === "csv"
      ? csvReader(handler, options, source.name)
      : format === "json"
        ? jsonArrayReader(handler, options)
        : jsonLinesReader(handler, options);
  for await (const chunk of text.rest) {
    reader.push(chunk);
    if (handler.done) break;
    const waiting = handler.drain?.();
    if (waiting) await waiting;
  }
  if (!handler.done) reader.end();
  return { format, compressed, bytes: counter.bytes };
}
