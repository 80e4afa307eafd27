/**
 * One data page (v1 or v2) of a flat Parquet column, decoded as hyparquet's `readDataPage`,
 * `readDataPageV2`, `convertWithDictionary` and `assembleLists` decode it, step for step and with
 * hyparquet's own value decoders, but kept compact and handed out in runs of rows:
 *
 * - definition levels (bytes) and dictionary indices (`Int32Array`) go into reused buffers, not a
 *   fresh array per page (hyparquet's `Array(num_values)`s are most of what a page allocates);
 * - values stay as decoded (a `Float64Array` page stays one) and a page without nulls is not
 *   copied into a plain array, as `assembleLists` does;
 * - dictionary values, typed values that need converting (timestamps to `Date`s, decimals,
 *   unsigned ints) and pages with nulls are made a run of rows at a time.
 *
 * Each row's value is the one hyparquet gives: the (converted) value, or null where the
 * definition level is below the maximum.
 *
 * @example
 * const page = flatPage(reader, header, decoder, dictionary, 1, scratch); // an OPTIONAL column
 * const first = page.run(0, Math.min(page.rows, 4096));
 */
import type { DataReader, DecodedArray, PageHeader } from "hyparquet";
import { convert, convertWithDictionary } from "hyparquet/src/convert.js";
import { decompressPage } from "hyparquet/src/datapage.js";
import { deltaBinaryUnpack, deltaByteArray, deltaLengthByteArray } from "hyparquet/src/delta.js";
import { byteStreamSplit, readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { readPlain } from "hyparquet/src/plain.js";
import type { ColumnDecoder } from "hyparquet/src/types.js";

/**
 * Reused level and index buffers of one column (one page is decoded at a time). A flat column's
 * definition levels are 0 or 1, and a byte holds any value the level decoder can write at a
 * level bit width of 1, so bytes are enough.
 */
export interface PageScratch {
  levels: Uint8Array;
  indices: Int32Array;
}

/** Rows per run of a page that is not handed on whole. */
export const RUN_ROWS = 4096;

/** A decoded page: `rows` rows, read front to back in runs by `run`. */
export class FlatPage {
  /** Index of the value of the next row that has one. */
  private next = 0;

  constructor(
    readonly rows: number,
    private readonly levels: Uint8Array | null,
    private readonly max: number,
    private readonly values: DecodedArray,
    private readonly indices: Int32Array | null,
    private readonly dictionary: DecodedArray | undefined,
    private readonly lazy: ColumnDecoder | null,
  ) {}

  /** The values of rows [from, to), the calls in order (a view of the page's typed values when it can). */
  run(from: number, to: number): DecodedArray {
    const { levels, max, indices, lazy } = this;
    if (levels === null && indices === null && lazy === null) {
      if (from === 0 && to === this.rows) return this.values;
      return ArrayBuffer.isView(this.values) ? this.values.subarray(from, to) : this.values.slice(from, to);
    }
    let present = to - from;
    if (levels !== null) {
      present = 0;
      for (let i = from; i < to; i++) if (levels[i] === max) present++;
    }
    const k = this.next;
    this.next += present;
    let values = this.values;
    let at = k;
    if (indices !== null) {
      const dictionary = this.dictionary!;
      values = new Array(present);
      for (let j = 0; j < present; j++) values[j] = dictionary[indices[k + j]];
      at = 0;
    } else if (lazy !== null) {
      values = convert((this.values as Int32Array).subarray(k, k + present), lazy);
      at = 0;
    }
    if (levels === null) return values;
    const out = new Array<unknown>(to - from);
    for (let i = from; i < to; i++) out[i - from] = levels[i] === max ? values[at++] : null;
    return out;
  }
}

/** Decodes the data page whose `header` was just read; `reader` is at its bytes. */
export function flatPage(reader: DataReader, header: PageHeader, decoder: ColumnDecoder, dictionary: DecodedArray | undefined, maxDefinition: number, scratch: PageScratch): FlatPage {
  const { type, codec, compressors } = decoder;
  const bytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, header.compressed_page_size);
  reader.offset += header.compressed_page_size;
  let levels: Uint8Array | null = null;
  let values: DecodedArray;
  let encoding: string;
  let numValues: number;
  let page: DataReader;
  let dictionaryBytes: number; // what the dictionary indices may take, as hyparquet bounds them
  if (header.type === "DATA_PAGE") {
    const daph = header.data_page_header;
    if (!daph) throw new Error("parquet data page header is undefined");
    const raw = decompressPage(bytes, Number(header.uncompressed_page_size), codec, compressors);
    page = { view: new DataView(raw.buffer, raw.byteOffset, raw.byteLength), offset: 0 };
    encoding = daph.encoding;
    let nulls = 0;
    if (maxDefinition) {
      levels = readLevels(page, daph.num_values, maxDefinition, undefined, scratch);
      for (let i = 0; i < levels.length; i++) if (levels[i] !== maxDefinition) nulls++;
      if (nulls === 0) levels = null; // as readDefinitionLevels drops them
    }
    numValues = daph.num_values - nulls;
    dictionaryBytes = -1; // after the bit width, to the page's end
  } else {
    const daph2 = header.data_page_header_v2;
    if (!daph2) throw new Error("parquet data page header v2 is undefined");
    const head: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: daph2.repetition_levels_byte_length };
    if (maxDefinition) levels = readLevels(head, daph2.num_values, maxDefinition, daph2.definition_levels_byte_length, scratch);
    const size = header.uncompressed_page_size - daph2.definition_levels_byte_length - daph2.repetition_levels_byte_length;
    let raw = bytes.subarray(head.offset);
    if (daph2.is_compressed !== false) raw = decompressPage(raw, size, codec, compressors);
    page = { view: new DataView(raw.buffer, raw.byteOffset, raw.byteLength), offset: 0 };
    encoding = daph2.encoding;
    numValues = daph2.num_values - daph2.num_nulls;
    dictionaryBytes = size - 1;
  }
  const isDictionary = encoding === "PLAIN_DICTIONARY" || encoding === "RLE_DICTIONARY";
  let indices: Int32Array | null = null;
  let lazy: ColumnDecoder | null = null;
  if (isDictionary && dictionary !== undefined && type !== "BOOLEAN") {
    indices = readIndices(page, numValues, dictionaryBytes, header.type === "DATA_PAGE", scratch);
    values = dictionary;
  } else {
    values = readValues(page, encoding, header.type === "DATA_PAGE", numValues, decoder, dictionaryBytes);
    if (dictionary !== undefined && encoding.endsWith("_DICTIONARY")) values = convertWithDictionary(values, dictionary, encoding as "RLE_DICTIONARY", decoder);
    else if (ArrayBuffer.isView(values) && needsConverting(values, decoder)) lazy = decoder;
    else values = convert(values, decoder);
  }
  const count = indices !== null ? indices.length : values.length;
  // v2 levels all at the maximum, or none, add nothing (assembleLists gives the values as they are).
  if (levels !== null && (levels.length === 0 || (levels.length === count && levels.every((l) => l === maxDefinition)))) levels = null;
  const rows = levels !== null ? levels.length : count;
  return new FlatPage(rows, levels, maxDefinition, values, indices, indices !== null ? dictionary : undefined, lazy);
}

/** Whether hyparquet's `convert` changes these typed values (dates, timestamps, decimals…). */
function needsConverting(values: Exclude<DecodedArray, unknown[]>, decoder: ColumnDecoder): boolean {
  const probe = values.subarray(0, 0);
  return convert(probe, decoder) !== probe;
}

function bitWidth(value: number): number {
  return 32 - Math.clz32(value);
}

function readLevels(reader: DataReader, count: number, max: number, length: number | undefined, scratch: PageScratch): Uint8Array {
  if (scratch.levels.length < count) scratch.levels = new Uint8Array(count);
  const levels = scratch.levels.subarray(0, count);
  readRleBitPackedHybrid(reader, bitWidth(max), levels, length);
  return levels;
}

function readIndices(page: DataReader, count: number, bytes: number, v1: boolean, scratch: PageScratch): Int32Array {
  if (scratch.indices.length < count) scratch.indices = new Int32Array(count);
  const indices = scratch.indices.subarray(0, count);
  const width = page.view.getUint8(page.offset++);
  if (v1 && !width) return indices.fill(0);
  readRleBitPackedHybrid(page, width, indices, v1 ? page.view.byteLength - page.offset : bytes);
  return indices;
}

/** Values in any non-dictionary encoding (or a dictionary one hyparquet maps itself), as hyparquet reads them. */
function readValues(page: DataReader, encoding: string, v1: boolean, n: number, decoder: ColumnDecoder, dictionaryBytes: number): DecodedArray {
  const { type, element } = decoder;
  switch (encoding) {
    case "PLAIN":
      return readPlain(page, type, n, element.type_length);
    case "RLE":
    case "PLAIN_DICTIONARY":
    case "RLE_DICTIONARY": {
      if (!v1 && encoding === "RLE") {
        const bits = new Array<number>(n);
        readRleBitPackedHybrid(page, 1, bits);
        return bits.map((x) => !!x);
      }
      const width = type === "BOOLEAN" && v1 ? 1 : page.view.getUint8(page.offset++);
      if (v1 && !width) return new Uint8Array(n);
      const out = new Array<number>(n);
      if (v1 && type === "BOOLEAN") {
        readRleBitPackedHybrid(page, width, out);
        return out.map((x) => !!x);
      }
      readRleBitPackedHybrid(page, width, out, v1 ? page.view.byteLength - page.offset : dictionaryBytes);
      return out;
    }
    case "BYTE_STREAM_SPLIT":
      return byteStreamSplit(page, n, type, element.type_length);
    case "DELTA_BINARY_PACKED": {
      const out = type === "INT32" ? new Int32Array(n) : new BigInt64Array(n);
      deltaBinaryUnpack(page, n, out);
      return out;
    }
    case "DELTA_LENGTH_BYTE_ARRAY": {
      const out = new Array<Uint8Array>(n);
      deltaLengthByteArray(page, n, out);
      return out;
    }
    case "DELTA_BYTE_ARRAY": {
      const out = new Array<Uint8Array>(n);
      deltaByteArray(page, n, out);
      return out;
    }
    default:
      throw new Error(`parquet unsupported encoding: ${encoding}`);
  }
}
