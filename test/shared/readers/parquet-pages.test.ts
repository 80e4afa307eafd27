import { readFileSync } from "node:fs";
import { parquetMetadata, type SchemaElement } from "hyparquet";
import { describe, expect, it } from "vitest";
import { CorruptParquetError } from "../../../shared/readers/index.ts";
import { resolveOptions } from "../../../shared/readers/options.ts";
import { memoryBuffer, rangedBuffer, readParquet } from "../../../shared/readers/parquet.ts";
import { collectLog, FLIGHTS_3M_PARQUET, sourceFromBytes } from "./helpers.ts";
import { READ_LIMITS } from "../../../shared/readers/parquet-chunk.ts";
import { GZIP, hyparquetRows, readerRows, TINY_LIMITS, toDataPageV1, writeParquet } from "./parquet-files.ts";

/** Deterministic values (an LCG), so every run reads the same bytes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** Every `every`-th value null (none for 0). */
function withNulls<T>(values: T[], every: number): Array<T | null> {
  return values.map((v, i) => (every > 0 && i % every === every - 1 ? null : v));
}

/** Flat columns of every basic type, some with nulls, in the encodings the writer can choose. */
function flatColumns(rows: number, nullEvery: number) {
  const r = lcg(rows + nullEvery);
  const n = (f: (i: number) => unknown) => Array.from({ length: rows }, (_, i) => f(i));
  return [
    { name: "id", data: n((i) => BigInt(i) * 1_000_003n - 7n), type: "INT64" as const },
    { name: "f64", data: withNulls(n(() => (r() - 0.5) * 1e6), nullEvery), type: "DOUBLE" as const },
    { name: "f64_split", data: withNulls(n(() => r() * 100), nullEvery), type: "DOUBLE" as const, encoding: "BYTE_STREAM_SPLIT" as const },
    { name: "f32", data: n(() => Math.fround(r() * 10)), type: "FLOAT" as const },
    { name: "i32", data: withNulls(n(() => Math.floor(r() * 2 ** 31) * (r() < 0.5 ? -1 : 1)), nullEvery), type: "INT32" as const },
    { name: "i32_delta", data: n((i) => i * 3 - 1000), type: "INT32" as const, encoding: "DELTA_BINARY_PACKED" as const },
    { name: "i64_delta", data: withNulls(n((i) => BigInt(i) ** 2n), nullEvery), type: "INT64" as const, encoding: "DELTA_BINARY_PACKED" as const },
    { name: "flag", data: withNulls(n(() => r() < 0.3), nullEvery), type: "BOOLEAN" as const },
    { name: "level", data: withNulls(n(() => `level_${Math.floor(r() * 12)}`), nullEvery), type: "STRING" as const },
    { name: "small_int", data: withNulls(n(() => Math.floor(r() * 5)), nullEvery), type: "INT32" as const },
    { name: "text", data: withNulls(n((i) => `row ${i} ✓ ${r().toString(36)}`), nullEvery), type: "STRING" as const, encoding: "PLAIN" as const },
    { name: "text_dlba", data: n((i) => `t${i % 97}`), type: "STRING" as const, encoding: "DELTA_LENGTH_BYTE_ARRAY" as const },
    { name: "text_dba", data: withNulls(n((i) => `prefix/${i}`), nullEvery), type: "STRING" as const, encoding: "DELTA_BYTE_ARRAY" as const },
    { name: "ts", data: withNulls(n((i) => new Date(Date.UTC(2024, 0, 1) + i * 61_001)), nullEvery), type: "TIMESTAMP" as const },
    { name: "json", data: withNulls(n((i) => ({ i, tags: ["a", i % 3] })), nullEvery), type: "JSON" as const },
    { name: "half", data: n(() => Math.round(r() * 64) / 8), type: "FLOAT16" as const },
    { name: "__proto__", data: n((i) => i % 4), type: "INT32" as const },
  ];
}

/** Columns with converted and logical types that need an explicit schema. */
function logicalFile(rows: number, codec: "SNAPPY" | "GZIP" | "UNCOMPRESSED"): Uint8Array {
  const r = lcg(rows);
  const n = (f: (i: number) => unknown) => Array.from({ length: rows }, (_, i) => f(i));
  const schema: SchemaElement[] = [
    { name: "root", num_children: 6 },
    { name: "day", type: "INT32", converted_type: "DATE", repetition_type: "OPTIONAL" },
    { name: "micros", type: "INT64", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" }, repetition_type: "OPTIONAL" },
    { name: "price", type: "INT32", converted_type: "DECIMAL", scale: 2, precision: 9, repetition_type: "OPTIONAL" },
    { name: "big_price", type: "INT64", converted_type: "DECIMAL", scale: 3, precision: 18, repetition_type: "REQUIRED" },
    { name: "u32", type: "INT32", converted_type: "UINT_32", repetition_type: "OPTIONAL" },
    { name: "u64", type: "INT64", converted_type: "UINT_64", repetition_type: "REQUIRED" },
  ];
  return writeParquet({
    schema,
    codec,
    compressors: GZIP,
    pageSize: 4096,
    rowGroupSize: 2500,
    columnData: [
      { name: "day", data: withNulls(n((i) => new Date(Date.UTC(2020, 0, 1 + (i % 900)))), 5) },
      { name: "micros", data: withNulls(n((i) => new Date(Date.UTC(2023, 5, 1) + i * 1234)), 9) },
      { name: "price", data: withNulls(n(() => Math.round(r() * 1e6) / 100), 4) },
      { name: "big_price", data: n(() => Math.round(r() * 1e9) / 1000) },
      { name: "u32", data: withNulls(n(() => Math.floor(r() * 4294967295)), 6) },
      { name: "u64", data: n((i) => 2n ** 63n + BigInt(i)) },
    ],
  });
}

/** A list, a struct and a map column beside a flat one. */
function nestedFile(rows: number, codec: "SNAPPY" | "GZIP" | "UNCOMPRESSED", pageSize: number): Uint8Array {
  const n = (f: (i: number) => unknown) => Array.from({ length: rows }, (_, i) => f(i));
  const schema: SchemaElement[] = [
    { name: "root", num_children: 4 },
    { name: "score", type: "DOUBLE", repetition_type: "OPTIONAL" },
    { name: "tags", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
    { name: "meta", repetition_type: "OPTIONAL", num_children: 2 },
    { name: "a", type: "INT32", repetition_type: "OPTIONAL" },
    { name: "b", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "attrs", repetition_type: "OPTIONAL", converted_type: "MAP", num_children: 1 },
    { name: "key_value", repetition_type: "REPEATED", num_children: 2 },
    { name: "key", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
    { name: "value", type: "INT64", repetition_type: "OPTIONAL" },
  ];
  return writeParquet({
    schema,
    codec,
    compressors: GZIP,
    pageSize,
    rowGroupSize: 700,
    columnData: [
      { name: "score", data: withNulls(n((i) => i / 7), 3) },
      { name: "tags", data: n((i) => (i % 5 === 4 ? null : Array.from({ length: i % 4 }, (_, j) => (j === 1 && i % 3 === 0 ? null : i + j)))) },
      { name: "meta", data: n((i) => (i % 6 === 5 ? null : { a: i % 4 === 0 ? null : i, b: `m${i % 10}` })) },
      { name: "attrs", data: n((i) => (i % 7 === 6 ? null : Object.fromEntries(Array.from({ length: i % 3 }, (_, j) => [`k${j}`, j === 1 ? null : BigInt(i * j)])))) },
    ],
  });
}

/** Same rows as hyparquet, read with Vigil's limits (small groups whole) and in tiny pieces. */
async function expectSameRows(bytes: Uint8Array, maxRows = Infinity): Promise<void> {
  const expected = await hyparquetRows(bytes, maxRows);
  for (const limits of [READ_LIMITS, TINY_LIMITS]) {
    const { rows } = await readerRows(bytes, { maxRows }, limits);
    expect(rows.length).toBe(expected.length);
    expect(rows).toStrictEqual(expected);
  }
}

function encodingsOf(bytes: Uint8Array): Set<string> {
  const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return new Set(meta.row_groups.flatMap((g) => g.columns.flatMap((c) => c.meta_data!.encodings)));
}

describe("readParquet page by page", () => {
  it("gives hyparquet's rows for every basic type, in several row groups of many pages", async () => {
    const bytes = writeParquet({ columnData: flatColumns(5000, 7), pageSize: 2048, rowGroupSize: [1000, 1700] });
    expect(encodingsOf(bytes)).toEqual(new Set(["PLAIN", "RLE", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY"]));
    await expectSameRows(bytes);
  });

  it("gives hyparquet's rows for one large row group without nulls", async () => {
    await expectSameRows(writeParquet({ columnData: flatColumns(30_000, 0), rowGroupSize: 30_000, pageSize: 65_536 }));
  });

  it("gives hyparquet's rows for a column that is all nulls", async () => {
    const bytes = writeParquet({ columnData: [{ name: "x", data: new Array<number | null>(3000).fill(null), type: "DOUBLE" }, { name: "y", data: Array.from({ length: 3000 }, (_, i) => i), type: "INT32" }] });
    await expectSameRows(bytes);
  });

  it.each(["UNCOMPRESSED", "SNAPPY", "GZIP"] as const)("gives hyparquet's rows for %s pages, v2 and v1", async (codec) => {
    const bytes = writeParquet({ columnData: flatColumns(3000, 5), codec, compressors: GZIP, pageSize: 4096, rowGroupSize: 1200 });
    await expectSameRows(bytes);
    if (codec !== "SNAPPY") await expectSameRows(toDataPageV1(bytes));
  });

  it.each(["UNCOMPRESSED", "SNAPPY", "GZIP"] as const)("gives hyparquet's rows for dates, timestamps, decimals and unsigned ints (%s)", async (codec) => {
    const bytes = logicalFile(6000, codec);
    await expectSameRows(bytes);
    if (codec !== "SNAPPY") await expectSameRows(toDataPageV1(bytes));
  });

  it.each([256, 65_536])("gives hyparquet's rows for list, struct and map columns (pages of %i bytes)", async (pageSize) => {
    const bytes = nestedFile(2000, "GZIP", pageSize);
    await expectSameRows(bytes);
    await expectSameRows(toDataPageV1(bytes));
  });

  it("joins a list row that v1 pages split across two pages", async () => {
    const rows = 3000;
    const bytes = writeParquet({
      schema: [
        { name: "root", num_children: 2 },
        { name: "n", type: "INT32", repetition_type: "REQUIRED" },
        { name: "items", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
      ],
      codec: "UNCOMPRESSED",
      pageSize: 1024,
      rowGroupSize: 1500,
      columnData: [
        { name: "n", data: Array.from({ length: rows }, (_, i) => i) },
        { name: "items", data: Array.from({ length: rows }, (_, i) => (i % 9 === 8 ? null : Array.from({ length: 1 + (i % 5) }, (_, j) => (j === 2 ? null : i * 10 + j)))), encoding: "PLAIN" },
      ],
    });
    const split = toDataPageV1(bytes, true);
    expect(split.length).toBeGreaterThan(toDataPageV1(bytes).length); // pages were cut
    await expectSameRows(split);
    const { rows: read } = await readerRows(split);
    expect(read[1234].value.items).toStrictEqual([12340, 12341, null, 12343, 12344]);
  });

  it("gives hyparquet's rows for flights-3m.parquet (Polars: v1 pages, zstd, dictionaries), across row groups", async () => {
    await expectSameRows(new Uint8Array(readFileSync(FLIGHTS_3M_PARQUET)), 300_000);
  });

  it("numbers rows from startLine and stops at maxRows inside a row group", async () => {
    const bytes = writeParquet({ columnData: flatColumns(3000, 4), pageSize: 2048, rowGroupSize: 1000 });
    const { rows } = await readerRows(bytes, { startLine: 11, maxRows: 1234 });
    expect(rows).toStrictEqual(await hyparquetRows(bytes, 1234, 11));
    expect(rows.at(-1)!.line).toBe(11 + 1233);
  });

  it("keeps a column named __proto__ as an own key, not the row's prototype", async () => {
    const seen: Array<Record<string, unknown>> = [];
    const bytes = writeParquet({ columnData: flatColumns(10, 0) });
    await readParquet(memoryBuffer(bytes), "p.parquet", resolveOptions({}), { done: false, wanted: 10, row: (v) => seen.push(v), malformed() {} });
    expect(Object.hasOwn(seen[3], "__proto__")).toBe(true);
    expect(seen[3]["__proto__"]).toBe(3);
    expect(Object.getPrototypeOf(seen[3])).toBe(Object.prototype);
    expect(Object.keys(seen[3])).toEqual(flatColumns(1, 0).map((c) => c.name));
  });

  it("calls drain between runs of rows within a row group", async () => {
    const { drains } = await readerRows(writeParquet({ columnData: flatColumns(20_000, 0), rowGroupSize: 20_000 }));
    expect(drains).toBeGreaterThanOrEqual(5);
  });
});

describe("readParquet memory", () => {
  it("reads a 600,000-row single row group with bounded heap and buffer growth", { timeout: 120_000 }, async () => {
    const rows = 600_000;
    const n = (f: (i: number) => unknown) => Array.from({ length: rows }, (_, i) => f(i));
    const bytes = writeParquet({
      rowGroupSize: rows,
      columnData: [
        { name: "timestamp", data: n((i) => new Date(1.7e12 + i * 1000)), type: "TIMESTAMP" },
        { name: "a", data: n((i) => Math.sin(i)), type: "DOUBLE" },
        { name: "b", data: n((i) => Math.cos(i) * 1e3), type: "DOUBLE" },
        { name: "c", data: n((i) => (i % 11 === 0 ? null : i / 3)), type: "DOUBLE" },
        { name: "level", data: n((i) => `level_${i % 12}`), type: "STRING" },
        { name: "id", data: n((i) => `req-${i}`), type: "STRING" },
      ],
    });
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = used();
    let peak = before;
    let count = 0;
    await readParquet(memoryBuffer(bytes), "m.parquet", resolveOptions({}), {
      done: false,
      wanted: Number.POSITIVE_INFINITY,
      row() {
        if (++count % 5000 === 0) peak = Math.max(peak, used());
      },
      malformed() {},
    });
    expect(count).toBe(rows);
    // Measured: about 70 MB (garbage included); a whole-row-group read grows by about 700 MB.
    expect((peak - before) / 2 ** 20).toBeLessThan(200);
  });
});

describe("readParquet on a failing source", () => {
  const bytes = writeParquet({ columnData: flatColumns(6000, 5), rowGroupSize: 3000, pageSize: 4096 });

  it.each([2, 5, 40, 200])("lets ranged read %i's failure through as it is, reading page by page", async (failing) => {
    const source = sourceFromBytes("f.parquet", bytes);
    const outage = Object.assign(new Error("We encountered an internal error"), { name: "InternalError" });
    let reads = 0;
    const flaky = { ...source, read: async (start: number, end: number) => (++reads === failing ? Promise.reject(outage) : source.read!(start, end)) };
    const read = readParquet(rangedBuffer(flaky)!, "f.parquet", resolveOptions({}), { done: false, wanted: Number.POSITIVE_INFINITY, row() {}, malformed() {} }, TINY_LIMITS);
    await expect(read).rejects.toBe(outage);
    expect(reads).toBeGreaterThanOrEqual(failing);
  });

  it("reads a group's small chunks in a few requests, whole", async () => {
    const source = sourceFromBytes("f.parquet", bytes);
    let reads = 0;
    const counted = { ...source, read: (start: number, end: number) => (reads++, source.read!(start, end)) };
    await collectLog(counted);
    expect(reads).toBeLessThanOrEqual(2 + 2 * 2); // footer, magic; two groups of at most two merged reads
  });
});

describe("readParquet on damaged files", () => {
  const bytes = writeParquet({ columnData: flatColumns(4000, 3), pageSize: 4096, rowGroupSize: 2000 });

  /** The message hyparquet's own read gives, as the reader wrapped it before. */
  async function hyparquetError(damaged: Uint8Array): Promise<string> {
    const e: unknown = await hyparquetRows(damaged).then(() => null, (err: unknown) => err);
    return `t.parquet: cannot read Parquet: ${(e as Error).message}`;
  }

  it("throws CorruptParquetError for a truncated file", async () => {
    const truncated = bytes.slice(0, bytes.length - 100);
    const read = readerRows(truncated);
    await expect(read).rejects.toThrow(CorruptParquetError);
    await expect(read).rejects.toThrow(await hyparquetError(truncated));
  });

  it("throws CorruptParquetError, with hyparquet's message, for a damaged data page", async () => {
    const meta = parquetMetadata(bytes.buffer.slice(0) as ArrayBuffer);
    const chunk = meta.row_groups[1].columns.find((c) => c.meta_data!.path_in_schema[0] === "text")!.meta_data!;
    const damaged = bytes.slice();
    const at = Number(chunk.data_page_offset) + 40;
    damaged.fill(0xff, at, at + 64);
    const read = readerRows(damaged);
    await expect(read).rejects.toThrow(CorruptParquetError);
    await expect(read).rejects.toThrow(await hyparquetError(damaged));
  });

  it("throws CorruptParquetError for a page header damaged into a page past the chunk's end", async () => {
    const meta = parquetMetadata(bytes.buffer.slice(0) as ArrayBuffer);
    const chunk = meta.row_groups[0].columns.find((c) => c.meta_data!.path_in_schema[0] === "f64")!.meta_data!;
    const damaged = bytes.slice();
    // The header's compressed_page_size (field 3, zigzag varint after field 1 and 2): made huge.
    const at = Number(chunk.data_page_offset);
    damaged.set([0x15, 0x04, 0x15, 0xfe, 0xff, 0xff, 0x0f, 0x15, 0xfe, 0xff, 0xff, 0x0f], at);
    const read = readerRows(damaged);
    await expect(read).rejects.toThrow(CorruptParquetError);
    await expect(read).rejects.toThrow(await hyparquetError(damaged));
  });
});
