import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ReadOptions } from "../../../shared/readers/index.ts";
import { ParquetView } from "../../../shared/readers/parquet-view.ts";
import { DEFAULT_FIELDS } from "../../../shared/types.ts";
import { expectSamePaths, type Read } from "./fast-path.ts";
import { FLIGHTS_3M_PARQUET } from "./helpers.ts";
import { writeParquet } from "./parquet-files.ts";

/** Both paths give the same records (key order included), malformed rows and summary. */
function expectSameAsRowPath(bytes: Uint8Array, options: ReadOptions = {}): Promise<Read> {
  return expectSamePaths("x.parquet", bytes, options, false);
}

const ROWS = 3000;
const n = (f: (i: number) => unknown) => Array.from({ length: ROWS }, (_, i) => f(i));

/** Mapped fields and features of every scalar type, with null tokens, bad values and non-scalars in some rows. */
function mixedFile(): Uint8Array {
  return writeParquet({
    rowGroupSize: [700, 2300],
    pageSize: 4096,
    columnData: [
      { name: "timestamp", data: n((i) => (i === 17 ? new Date(Date.UTC(9999, 0, 1)) : i % 50 === 3 ? null : new Date(Date.UTC(2024, 0, 1) + i * 60_000))), type: "TIMESTAMP" },
      { name: "request_id", data: n((i) => (i % 97 === 5 ? "NA" : i % 101 === 7 ? null : `req-${i % 2900}`)), type: "STRING" },
      { name: "model_version", data: n((i) => (i % 3 === 0 ? "v1" : "NULL")), type: "STRING" },
      { name: "prediction", data: n((i) => i % 2), type: "INT32" },
      { name: "score", data: n((i) => (i === 29 ? "high" : i % 7 === 0 ? "N/A" : String((i % 100) / 100))), type: "STRING" },
      { name: "latency_ms", data: n((i) => (i % 11 === 0 ? null : i * 0.5)), type: "DOUBLE" },
      { name: "label", data: n((i) => (i % 5 === 0 ? null : i % 3 === 0)), type: "BOOLEAN" },
      { name: "big", data: n((i) => (i % 2 === 0 ? 2n ** 60n + BigInt(i) : BigInt(i) - 10n)), type: "INT64" },
      { name: "f64", data: n((i) => (i % 13 === 0 ? null : i === 40 ? -0 : i === 41 ? Number.NaN : i === 42 ? Number.POSITIVE_INFINITY : (i * 7919) % 1000 / 10)), type: "DOUBLE" },
      { name: "cat", data: n((i) => ["a", "b", "", "NA", "null", "c"][i % 6]), type: "STRING" },
      { name: "flag", data: n((i) => (i % 4 === 0 ? null : i % 4 === 1)), type: "BOOLEAN" },
      { name: "day", data: n((i) => new Date(Date.UTC(2020, 0, 1 + (i % 900)))), type: "TIMESTAMP" },
      { name: "blob", data: n((i) => (i % 250 === 9 ? { nested: i } : null)), type: "JSON" },
      { name: "0", data: n((i) => i), type: "INT32" },
      { name: "__proto__", data: n((i) => i % 4), type: "INT32" },
    ],
  });
}

describe("Parquet fast path (ParquetView)", () => {
  it("reads every row of a mixed file as the row-object path does", async () => {
    const fast = await expectSameAsRowPath(mixedFile(), { latestTimestampMs: Date.UTC(2030, 0, 1) });
    // Declined: the year-9999 row (later than the latest accepted), "high" as a score, the JSON values.
    expect(fast.viewed).toBeGreaterThan(ROWS - 30);
    expect(fast.viewed).toBeLessThan(ROWS);
    expect(fast.summary.malformed).toBe(2);
    expect(fast.summary.nonScalarValues).toBe(12);
  });

  it("configured field names, one column to several fields, and maxRows / startLine", async () => {
    const bytes = mixedFile();
    const fields = { timestamp: "day", id: "cat", version: "cat", prediction: "flag", label: "flag", score: "latency_ms" };
    const fast = await expectSameAsRowPath(bytes, { fields });
    expect(fast.viewed).toBeGreaterThan(ROWS - 20);
    await expectSameAsRowPath(bytes, { maxRows: 1234, startLine: 10 });
  });

  it("leaves files with a features or probabilities column to the row path", async () => {
    expect(ParquetView.forColumns(["timestamp", "features"], DEFAULT_FIELDS)).toBeNull();
    expect(ParquetView.forColumns(["timestamp", "probabilities"], DEFAULT_FIELDS)).toBeNull();
    const bytes = writeParquet({ columnData: [{ name: "timestamp", data: n((i) => i), type: "INT32" }, { name: "features", data: n((i) => ({ x: i })), type: "JSON" }] });
    const fast = await expectSameAsRowPath(bytes);
    expect(fast.viewed).toBe(0);
  });

  it("reads flights-3m's first rows as the row path does", async () => {
    const bytes = readFileSync(FLIGHTS_3M_PARQUET);
    const fast = await expectSameAsRowPath(bytes, { maxRows: 20_000, fields: { timestamp: "date" } });
    expect(fast.viewed).toBe(20_000);
  });
});
