import { describe, expect, it } from "vitest";
import { BinaryFileError, formatFromName, UnsupportedFormatError } from "../../../shared/readers/index.ts";
import { collectLog, sourceFromBytes } from "./helpers.ts";

describe("formatFromName", () => {
  it("maps each extension, with or without .gz", () => {
    const names = ["a.jsonl", "a.ndjson", "a.json", "a.csv", "a.tsv", "a.parquet", "a/b/c.JSONL.GZ", "x.csv.gz", "y.parquet.gz"];
    expect(names.map((n) => formatFromName(n).format)).toEqual(["jsonl", "jsonl", "json", "csv", "csv", "parquet", "jsonl", "csv", "parquet"]);
    expect(formatFromName("x.csv.gz").gzipName).toBe(true);
  });

  it("returns undefined for unknown extensions", () => {
    expect(formatFromName("logs/2024/01/part-0000").format).toBeUndefined();
    expect(formatFromName("x.txt").format).toBeUndefined();
  });
});

describe("readLog format detection", () => {
  it("throws BinaryFileError for NUL bytes", async () => {
    const bytes = Buffer.concat([Buffer.from('{"x":1}\n'), Buffer.alloc(100), Buffer.from("\n")]);
    await expect(collectLog(sourceFromBytes("logs/x.jsonl", bytes))).rejects.toThrow(BinaryFileError);
    await expect(collectLog(sourceFromBytes("logs/x.jsonl", bytes))).rejects.toThrow("logs/x.jsonl: binary file, not text (NUL bytes in the first 1024 bytes)");
  });

  it("throws BinaryFileError for bytes that are mostly invalid UTF-8", async () => {
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 100)));
    await expect(collectLog(sourceFromBytes("x.csv", bytes))).rejects.toThrow(/invalid UTF-8 sequences/);
  });

  it("throws BinaryFileError naming UTF-16", async () => {
    const bytes = Buffer.from("\ufeffa,b\n1,2\n", "utf16le");
    await expect(collectLog(sourceFromBytes("x.csv", bytes))).rejects.toThrow(/UTF-16/);
  });

  it("reads a few Latin-1 bytes in UTF-8 text as text", async () => {
    const bytes = Buffer.concat([Buffer.from("city,n\nM"), Buffer.from([0xe9]), Buffer.from("xico,1\n" + "Lyon,2\n".repeat(50))]);
    const { records } = await collectLog(sourceFromBytes("x.csv", bytes));
    expect(records[0].features.city).toBe("M\ufffdxico");
  });

  it("reads JSON Lines from a name without extension", async () => {
    const { summary } = await collectLog(sourceFromBytes("logs/part-0000", '{"x":1}\n'));
    expect(summary).toMatchObject({ format: "jsonl", rows: 1 });
  });

  it("throws UnsupportedFormatError when neither name nor content tells", async () => {
    await expect(collectLog(sourceFromBytes("logs/x.txt", "hello\nworld\n"))).rejects.toThrow(UnsupportedFormatError);
    await expect(collectLog(sourceFromBytes("logs/x.txt", "hello\n"))).rejects.toThrow(/^logs\/x.txt: unsupported format/);
  });

  it("uses a forced format over the name", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("logs/x.txt", "a,b\n1,2\n"), { format: "csv" });
    expect(summary.format).toBe("csv");
    expect(records[0].features.b).toBe(2);
  });

  it("throws UnsupportedFormatError when forced to Parquet on text", async () => {
    await expect(collectLog(sourceFromBytes("x.jsonl", '{"x":1}\n'), { format: "parquet" })).rejects.toThrow("x.jsonl: unsupported format: not a Parquet file (no PAR1 magic)");
  });

  it("reads a .json file of JSON Lines as JSON Lines", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("x.json", '{"x":1}\n{"x":2}\n'));
    expect(records).toHaveLength(2);
    expect(summary.format).toBe("jsonl");
  });
});
