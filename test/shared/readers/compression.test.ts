import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CorruptGzipError, readLog, TruncatedGzipError } from "../../../shared/readers/index.ts";
import type { LogRecord } from "../../../shared/types.ts";
import { collectLog, sourceFromBytes, streamOnly } from "./helpers.ts";

const LINES = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ timestamp: 1705314600 + i, request_id: `r${i}`, x: i }));
const TEXT = LINES.join("\n") + "\n";

describe("readLog on gzip", () => {
  it("reads a gzip JSON Lines file", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("logs/x.jsonl.gz", gzipSync(TEXT), 4096));
    expect(records).toHaveLength(5000);
    expect(records[4999].features.x).toBe(4999);
    expect(summary).toMatchObject({ format: "jsonl", compressed: true, rows: 5000 });
  });

  it("gunzips by magic whatever the name says", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("logs/x.jsonl", gzipSync(TEXT)));
    expect(records).toHaveLength(5000);
    expect(summary.compressed).toBe(true);
  });

  it("reads plain bytes behind a .gz name", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("logs/x.jsonl.gz", TEXT));
    expect(records).toHaveLength(5000);
    expect(summary.compressed).toBe(false);
  });

  it("reports the compressed size as bytes", async () => {
    const gz = gzipSync(TEXT);
    const { summary } = await collectLog(sourceFromBytes("x.jsonl.gz", gz));
    expect(summary.bytes).toBe(gz.length);
  });

  it("reads concatenated gzip members", async () => {
    const gz = Buffer.concat([gzipSync('{"x":1}\n'), gzipSync('{"x":2}\n')]);
    const { records } = await collectLog(sourceFromBytes("x.jsonl.gz", gz));
    expect(records.map((r) => r.features.x)).toEqual([1, 2]);
  });

  it("delivers the complete lines before a truncation, then throws TruncatedGzipError", async () => {
    const gz = gzipSync(TEXT);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const records: LogRecord[] = [];
    const read = readLog(sourceFromBytes("logs/x.jsonl.gz", cut, 1000), {}, { record: (r) => records.push(r), malformed: () => {} });
    await expect(read).rejects.toThrow(TruncatedGzipError);
    await expect(read).rejects.toThrow(`logs/x.jsonl.gz: truncated gzip stream after ${cut.length} bytes`);
    expect(records.length).toBeGreaterThan(1000);
    expect(records.length).toBeLessThan(5000);
    expect(records.map((r) => r.features.x)).toEqual(records.map((_, i) => i));
  });

  it("throws CorruptGzipError for damaged compressed data", async () => {
    const gz = Buffer.from(gzipSync(TEXT));
    for (let i = 20; i < 60; i++) gz[i] ^= 0x5a;
    await expect(collectLog(sourceFromBytes("x.jsonl.gz", gz))).rejects.toThrow(CorruptGzipError);
  });

  it("reads a gzip CSV file", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("x.csv.gz", gzipSync("a;b\n1;x\n2;y\n")));
    expect(records.map((r) => r.features.b)).toEqual(["x", "y"]);
    expect(summary).toMatchObject({ format: "csv", compressed: true });
  });

  it("reads a gzip JSON array file", async () => {
    const { records, summary } = await collectLog(streamOnly(sourceFromBytes("x.json.gz", gzipSync('[{"x":1},{"x":2}]'))));
    expect(records).toHaveLength(2);
    expect(summary).toMatchObject({ format: "json", compressed: true });
  });

  it("reads an empty gzip file as empty", async () => {
    const { summary } = await collectLog(sourceFromBytes("x.jsonl.gz", gzipSync("")));
    expect(summary).toMatchObject({ rows: 0, empty: true, compressed: true });
  });

  it("stops reading a gzip stream early at maxRows", async () => {
    const { records } = await collectLog(sourceFromBytes("x.jsonl.gz", gzipSync(TEXT), 512), { maxRows: 3 });
    expect(records).toHaveLength(3);
  });
});
