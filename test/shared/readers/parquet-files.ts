/**
 * Parquet test files and the two ways of reading them: `readerRows` (Vigil's page-at-a-time
 * reader, `readParquet`) and `hyparquetRows` (hyparquet's `parquetRead`, a row group at a time,
 * rows built as the reader built them before it read by pages: the behaviour to keep).
 * hyparquet-writer writes only v2 data pages; `toDataPageV1` rewrites a file's data pages as v1
 * pages (levels with length prefixes, compressed with the values), as Polars and pyarrow write.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { parquetMetadata, parquetRead, parquetSchema, type ColumnMetaData, type Encoding, type FileMetaData } from "hyparquet";
import { parquetHeader } from "hyparquet/src/column.js";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from "hyparquet/src/schema.js";
import { compressors } from "hyparquet-compressors";
import { ByteWriter, parquetWriteBuffer } from "hyparquet-writer";
import { writePageHeader } from "hyparquet-writer/src/datapage.js";
import { writeRleBitPackedHybrid } from "hyparquet-writer/src/encoding.js";
import { writeMetadata } from "hyparquet-writer/src/metadata.js";
import { resolveOptions, type ReadOptions } from "../../../shared/readers/options.ts";
import { memoryBuffer, readParquet } from "../../../shared/readers/parquet.ts";
import { READ_LIMITS, type ReadLimits } from "../../../shared/readers/parquet-chunk.ts";

/** gzip for hyparquet-writer (it has snappy built in; Node has no zstd compressor before 22.15). */
export const GZIP = { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) };

/** Writes columns to Parquet bytes with hyparquet-writer. */
export function writeParquet(options: Parameters<typeof parquetWriteBuffer>[0]): Uint8Array {
  return new Uint8Array(parquetWriteBuffer(options));
}

/** One row as the reader hands it on: its line number and its values. */
export interface Row {
  line: number;
  value: Record<string, unknown>;
}

/**
 * Read limits small enough that test files are read in many small pieces: every page on demand
 * or read ahead, headers longer than the first look, unread rests read again or joined.
 */
export const TINY_LIMITS: ReadLimits = { firstBytes: 0, readAheadBytes: 3000, minReadBytes: 256, headerBytes: 24 };

/** The rows `readParquet` hands on, and the number of drain calls. */
export async function readerRows(bytes: Uint8Array, options: ReadOptions = {}, limits: ReadLimits = READ_LIMITS): Promise<{ rows: Row[]; drains: number }> {
  const resolved = resolveOptions(options);
  const rows: Row[] = [];
  let drains = 0;
  const handler = {
    get done() {
      return rows.length >= resolved.maxRows;
    },
    get wanted() {
      return resolved.maxRows - rows.length;
    },
    row(value: Record<string, unknown>, line: number) {
      // A copy as it is when handed on: a row the reader changed later would show.
      const copy = Object.create(null) as Record<string, unknown>;
      for (const k in value) copy[k] = structuredClone(value[k]);
      rows.push({ line, value: copy });
    },
    malformed() {
      throw new Error("readParquet reports no malformed rows");
    },
    drain() {
      drains++;
    },
  };
  await readParquet(memoryBuffer(bytes), "t.parquet", resolved, handler, limits);
  return { rows, drains };
}

/** The rows hyparquet's parquetRead gives, row group by row group, as null-prototype objects. */
export async function hyparquetRows(bytes: Uint8Array, maxRows = Infinity, startLine = 1): Promise<Row[]> {
  const file = memoryBuffer(bytes);
  const metadata = parquetMetadata(await file.slice(0, bytes.length));
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const out: Row[] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = Math.min(start + Number(group.num_rows), maxRows);
    if (end > start) {
      const rows = await new Promise<unknown[][]>((resolve, reject) => {
        parquetRead({ file, metadata, columns, rowStart: start, rowEnd: end, compressors, onComplete: (r) => resolve(r as unknown[][]) }).catch(reject);
      });
      rows.forEach((r, i) => {
        const value = Object.create(null) as Record<string, unknown>;
        for (let c = 0; c < columns.length; c++) value[columns[c]] = r[c];
        out.push({ line: startLine + start + i, value });
      });
    }
    start += Number(group.num_rows);
    if (start >= maxRows) break;
  }
  return out;
}

/**
 * The file's data pages rewritten as v1 pages; `codec` must be UNCOMPRESSED or GZIP. With
 * `splitRows`, each page of a repeated PLAIN INT32 column is cut in two inside a row (v1 allows
 * a row to go on in the next page; v2 does not), so the reader must join the row's parts.
 */
export function toDataPageV1(bytes: Uint8Array, splitRows = false): Uint8Array {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(buffer);
  const tree = parquetSchema(metadata);
  const out = new ByteWriter();
  out.appendUint32(0x31524150);
  const groups = metadata.row_groups.map((group) => ({
    ...group,
    columns: group.columns.map((chunk) => {
      const meta = chunk.meta_data!;
      const path = getTreePath(tree, meta.path_in_schema);
      const split = splitRows && meta.type === "INT32" ? getMaxRepetitionLevel(path) : 0;
      return { ...chunk, offset_index_offset: undefined, offset_index_length: undefined, column_index_offset: undefined, column_index_length: undefined, meta_data: rewriteChunk(buffer, meta, getMaxRepetitionLevel(path), getMaxDefinitionLevel(path), split > 0, out) };
    }),
  }));
  const writer = new ByteWriter();
  writeMetadata(writer, { ...metadata, row_groups: groups } as FileMetaData);
  out.appendBytes(writer.getBytes());
  out.appendUint32(writer.offset);
  out.appendUint32(0x31524150);
  return out.getBytes();
}

function rewriteChunk(buffer: ArrayBuffer, meta: ColumnMetaData, maxRep: number, maxDef: number, split: boolean, out: ByteWriter): ColumnMetaData {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  const reader = { view: new DataView(buffer), offset: start };
  const chunkStart = out.offset;
  let dictionaryOffset: bigint | undefined;
  let dataOffset: bigint | undefined;
  while (reader.offset < end) {
    const pageStart = reader.offset;
    const header = parquetHeader(reader);
    const body = new Uint8Array(buffer, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === "DICTIONARY_PAGE") {
      dictionaryOffset = BigInt(out.offset);
      out.appendBytes(new Uint8Array(buffer, pageStart, reader.offset - pageStart));
      continue;
    }
    const v2 = header.data_page_header_v2!;
    dataOffset ??= BigInt(out.offset);
    const rl = v2.repetition_levels_byte_length;
    const dl = v2.definition_levels_byte_length;
    let values = body.subarray(rl + dl);
    if (v2.is_compressed !== false && meta.codec === "GZIP") values = new Uint8Array(gunzipSync(values));
    const reps = levels(body.subarray(0, rl), maxRep, v2.num_values);
    const defs = levels(body.subarray(rl, rl + dl), maxDef, v2.num_values);
    // Cut where a row goes on (repetition level > 0), about half way through.
    let cut = -1;
    if (split && v2.encoding === "PLAIN") for (let i = v2.num_values >> 1; i < v2.num_values && cut < 0; i++) if (reps[i] > 0) cut = i;
    if (cut < 0) {
      writeV1(out, meta, maxRep, maxDef, reps, defs, values, v2.num_values, v2.encoding);
    } else {
      const before = defs.slice(0, cut).filter((d) => d === maxDef).length * 4;
      writeV1(out, meta, maxRep, maxDef, reps.slice(0, cut), defs.slice(0, cut), values.subarray(0, before), cut, v2.encoding);
      writeV1(out, meta, maxRep, maxDef, reps.slice(cut), defs.slice(cut), values.subarray(before), v2.num_values - cut, v2.encoding);
    }
  }
  const size = BigInt(out.offset - chunkStart);
  return { ...meta, statistics: undefined, encoding_stats: undefined, data_page_offset: dataOffset ?? BigInt(chunkStart), dictionary_page_offset: dictionaryOffset, total_compressed_size: size, total_uncompressed_size: size };
}

function levels(bytes: Uint8Array, max: number, count: number): number[] {
  const out = new Array<number>(count).fill(0);
  if (max > 0) readRleBitPackedHybrid({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }, 32 - Math.clz32(max), out, bytes.length);
  return out;
}

function writeV1(out: ByteWriter, meta: ColumnMetaData, maxRep: number, maxDef: number, reps: number[], defs: number[], values: Uint8Array, count: number, encoding: Encoding): void {
  const page = new ByteWriter();
  for (const [max, lv] of [[maxRep, reps], [maxDef, defs]] as const) {
    if (!max) continue;
    const w = new ByteWriter();
    writeRleBitPackedHybrid(w, lv, 32 - Math.clz32(max));
    page.appendUint32(w.offset);
    page.appendBytes(w.getBytes());
  }
  page.appendBytes(values);
  const raw = page.getBytes();
  const stored = meta.codec === "GZIP" ? new Uint8Array(gzipSync(raw)) : raw;
  writePageHeader(out, {
    type: "DATA_PAGE",
    uncompressed_page_size: raw.length,
    compressed_page_size: stored.length,
    data_page_header: { num_values: count, encoding, definition_level_encoding: "RLE", repetition_level_encoding: "RLE" },
  });
  out.appendBytes(stored);
}
