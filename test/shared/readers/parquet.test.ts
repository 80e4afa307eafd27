import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CorruptParquetError, MissingColumnsError } from "../../../shared/readers/index.ts";
import { collectLog, fileSource, FLIGHTS_3M_PARQUET, sourceFromBytes, streamOnly } from "./helpers.ts";

// flights-3m.parquet: 3,000,000 rows in 11 row groups; columns date (TIMESTAMP micros, not UTC-adjusted),
// delay and distance (INT64), origin and destination (UTF8).
const FIRST_ROWS = [
  { timestampMs: Date.UTC(2001, 0, 1, 0, 1), features: { delay: 33, distance: 2176, origin: "LAS", destination: "PHL" } },
  { timestampMs: Date.UTC(2001, 0, 1, 0, 1), features: { delay: 19, distance: 215, origin: "ATL", destination: "SAV" } },
  { timestampMs: Date.UTC(2001, 0, 1, 0, 1), features: { delay: 14, distance: 405, origin: "MCI", destination: "MDW" } },
];

function plain(records: Array<{ timestampMs: number | null; features: object }>): unknown[] {
  return records.map((r) => ({ timestampMs: r.timestampMs, features: { ...r.features } }));
}

describe("readLog on Parquet", () => {
  it("reads the first rows of flights-3m.parquet with ranged reads", async () => {
    const { records, summary } = await collectLog(fileSource(FLIGHTS_3M_PARQUET, "flights-3m.parquet"), { fields: { timestamp: "date" }, maxRows: 3 });
    expect(plain(records)).toEqual(FIRST_ROWS);
    expect(summary).toMatchObject({ format: "parquet", compressed: false, rows: 3, malformed: 0 });
  });

  it("reads INT64 columns as numbers and a timestamp column left unmapped as epoch ms", async () => {
    const { records } = await collectLog(fileSource(FLIGHTS_3M_PARQUET), { maxRows: 1 });
    expect({ ...records[0].features }).toEqual({ date: Date.UTC(2001, 0, 1, 0, 1), ...FIRST_ROWS[0].features });
    expect(records[0].timestampMs).toBeNull();
  });

  it("reads a Parquet stream without ranged reads by buffering it", async () => {
    const { records } = await collectLog(streamOnly(fileSource(FLIGHTS_3M_PARQUET, "flights.parquet", 1 << 20)), { fields: { timestamp: "date" }, maxRows: 3 });
    expect(plain(records)).toEqual(FIRST_ROWS);
  });

  it("recognises Parquet by its magic under any name", async () => {
    const { summary } = await collectLog(fileSource(FLIGHTS_3M_PARQUET, "exports/part-0000"), { maxRows: 2 });
    expect(summary).toMatchObject({ format: "parquet", rows: 2 });
  });

  it("reads gzip-wrapped Parquet", async () => {
    const head = readFileSync(FLIGHTS_3M_PARQUET);
    const { records, summary } = await collectLog(sourceFromBytes("x.parquet.gz", gzipSync(head, { level: 1 }), 1 << 20), { fields: { timestamp: "date" }, maxRows: 3 });
    expect(plain(records)).toEqual(FIRST_ROWS);
    expect(summary.compressed).toBe(true);
  });

  it("continues into the next row group", async () => {
    const { records } = await collectLog(fileSource(FLIGHTS_3M_PARQUET), { maxRows: 300_000 });
    expect(records).toHaveLength(300_000);
    expect(records[299_999].features.origin).toEqual(expect.any(String));
  });

  it("throws MissingColumnsError for columns absent from the schema", async () => {
    const read = collectLog(fileSource(FLIGHTS_3M_PARQUET, "f.parquet"), { requiredColumns: ["date", "label"] });
    await expect(read).rejects.toThrow(MissingColumnsError);
    await expect(read).rejects.toThrow("f.parquet: missing required column: label");
  });

  it("lets a failing ranged read through as it is, not as a corrupt file", async () => {
    const file = fileSource(FLIGHTS_3M_PARQUET, "f.parquet");
    let reads = 0;
    const outage = Object.assign(new Error("We encountered an internal error"), { name: "InternalError" });
    const flaky = { ...file, read: async (start: number, end: number) => (++reads > 2 ? Promise.reject(outage) : file.read!(start, end)) };
    await expect(collectLog(flaky, { maxRows: 300_000 })).rejects.toBe(outage);
  });

  it("throws CorruptParquetError for a damaged file", async () => {
    const bytes = Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(64, 7), Buffer.from("PAR1")]);
    await expect(collectLog(sourceFromBytes("x.parquet", bytes))).rejects.toThrow(CorruptParquetError);
  });
});
