import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectLog, FLIGHTS_2K_JSON, fileSource, sourceFromBytes } from "./helpers.ts";

describe("readLog on a JSON array document", () => {
  it("reads vega's flights-2k.json with its date column as the timestamp", async () => {
    const { records, malformed, summary } = await collectLog(fileSource(FLIGHTS_2K_JSON, "flights-2k.json", 4096), { fields: { timestamp: "date" } });
    const expected = JSON.parse(readFileSync(FLIGHTS_2K_JSON, "utf8")) as unknown[];
    expect(malformed).toEqual([]);
    expect(summary).toMatchObject({ format: "json", rows: expected.length });
    expect(records[0].timestampMs).toBe(Date.UTC(2001, 0, 1, 6, 55));
    expect({ ...records[0].features }).toEqual({ delay: -19, distance: 1797, origin: "LAX", destination: "BNA" });
  });

  it("reads flights-2k.json split into one-byte chunks", async () => {
    const bytes = readFileSync(FLIGHTS_2K_JSON).subarray(0, 2000);
    const cut = bytes.lastIndexOf("},") + 1;
    const text = `${bytes.subarray(0, cut).toString()}]`;
    const whole = await collectLog(sourceFromBytes("f.json", text));
    const bytewise = await collectLog(sourceFromBytes("f.json", text, 1));
    expect(bytewise.records).toEqual(whole.records);
    expect(whole.records.length).toBeGreaterThan(10);
  });

  it("reads a pretty-printed array and numbers elements by the line they start on", async () => {
    const text = '[\n  {\n    "x": 1\n  },\n  {"x": 2},\n  42,\n  {"x": }\n]\n';
    const { records, malformed } = await collectLog(sourceFromBytes("x.json", text));
    expect(records.map((r) => r.features.x)).toEqual([1, 2]);
    expect(malformed.map((m) => [m.line, m.reason.split(":")[0]])).toEqual([[6, "not a JSON object"], [7, "invalid JSON"]]);
  });

  it("keeps brackets, braces and escaped quotes inside strings", async () => {
    const { records } = await collectLog(sourceFromBytes("x.json", '[{"s":"a],[b}{\\"c\\""},{"s":"\\\\"}]'));
    expect(records.map((r) => r.features.s)).toEqual(['a],[b}{"c"', "\\"]);
  });

  it("reads nested arrays and objects inside elements", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("x.json", '[{"features":{"a":1},"probabilities":[0.2,0.8]}]'));
    expect(records[0].features.a).toBe(1);
    expect(records[0].probabilities).toEqual(Object.assign(Object.create(null), { 0: 0.2, 1: 0.8 }));
    expect(summary.nonScalarValues).toBe(0);
  });

  it("reads an empty array as empty", async () => {
    const { summary } = await collectLog(sourceFromBytes("x.json", " [ ] \n"));
    expect(summary).toMatchObject({ format: "json", rows: 0, empty: true });
  });

  it("reads concatenated arrays one after another", async () => {
    const { records } = await collectLog(sourceFromBytes("x.json", '[{"x":1}]\n[{"x":2}]\n'));
    expect(records).toHaveLength(2);
  });

  it("counts an unterminated array as one malformed row after the complete elements", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.json", '[{"x":1},{"x":2},{"x":'));
    expect(records).toHaveLength(2);
    expect(malformed).toMatchObject([{ line: 1, reason: "unterminated JSON array" }]);
  });

  it("counts text after the array once", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.json", '[{"x":1}]\ntrailing junk\nmore'));
    expect(records).toHaveLength(1);
    expect(malformed).toMatchObject([{ line: 2, reason: "unexpected text after the JSON array" }]);
  });

  it("counts an element longer than maxLineBytes as malformed, keeping memory bounded", async () => {
    const big = `{"x":"${"a".repeat(3_000_000)}"}`;
    const { records, malformed } = await collectLog(sourceFromBytes("x.json", `[{"x":1},${big},{"x":2}]`));
    expect(records.map((r) => r.features.x)).toEqual([1, 2]);
    expect(malformed).toMatchObject([{ reason: "record longer than 1048576 bytes" }]);
    expect(malformed[0].raw).toHaveLength(300);
  });
});
