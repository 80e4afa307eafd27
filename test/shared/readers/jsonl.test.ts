import { describe, expect, it } from "vitest";
import { collectLog, jsonl, sourceFromBytes } from "./helpers.ts";

const CANONICAL = {
  timestamp: "2024-01-15T10:30:00Z",
  request_id: "req-123",
  model_version: "v1.2.3",
  features: { user_age: 25, item_category: "electronics" },
  prediction: 1,
  score: 0.92,
  latency_ms: 15,
};

describe("readLog on JSON Lines", () => {
  it("reads a canonical nested record", async () => {
    const { records, summary } = await collectLog(jsonl([CANONICAL]));
    expect(records).toHaveLength(1);
    const r = records[0];
    expect(r).toMatchObject({
      timestampMs: Date.UTC(2024, 0, 15, 10, 30),
      id: "req-123",
      version: "v1.2.3",
      prediction: 1,
      score: 0.92,
      latencyMs: 15,
      label: null,
      probabilities: null,
    });
    expect({ ...r.features }).toEqual({ user_age: 25, item_category: "electronics" });
    expect(summary).toEqual({ format: "jsonl", compressed: false, rows: 1, malformed: 0, nonScalarValues: 0, bytes: expect.any(Number), empty: false });
  });

  it("gives records a null-prototype feature map", async () => {
    const { records } = await collectLog(jsonl([CANONICAL, { timestamp: 0, age: 3 }]));
    for (const r of records) expect(Object.getPrototypeOf(r.features)).toBeNull();
  });

  it("reads every unmapped column of a flat record as a feature", async () => {
    const { records } = await collectLog(jsonl([{ timestamp: 1705314600, request_id: "a", prediction: "yes", label: "no", age: 58, job: "admin." }]));
    expect(records[0]).toMatchObject({ timestampMs: 1705314600000, id: "a", prediction: "yes", label: "no" });
    expect({ ...records[0].features }).toEqual({ age: 58, job: "admin." });
  });

  it("ignores unmapped top-level keys of a nested record", async () => {
    const { records } = await collectLog(jsonl([{ ...CANONICAL, host: "ip-10-0-0-1" }]));
    expect(Object.keys(records[0].features)).toEqual(["user_age", "item_category"]);
  });

  it("uses custom field names", async () => {
    const row = { ts: "2024-01-15 10:30:00", event_id: 42, model: "m-7", inputs: { x: 1 }, yhat: 0, p: "0.3", y: 1, took: "12.5", probs: { a: 0.7, b: 0.3 } };
    const fields = { timestamp: "ts", id: "event_id", version: "model", features: "inputs", prediction: "yhat", score: "p", label: "y", latency: "took", probabilities: "probs" };
    const { records } = await collectLog(jsonl([row]), { fields });
    expect(records[0]).toMatchObject({ timestampMs: Date.UTC(2024, 0, 15, 10, 30), id: "42", version: "m-7", prediction: 0, score: 0.3, label: 1, latencyMs: 12.5 });
    expect({ ...records[0].probabilities }).toEqual({ a: 0.7, b: 0.3 });
    expect({ ...records[0].features }).toEqual({ x: 1 });
  });

  it("reads probabilities given as an array with class indices as keys", async () => {
    const { records } = await collectLog(jsonl([{ ...CANONICAL, probabilities: [0.1, 0.9] }]));
    expect({ ...records[0].probabilities }).toEqual({ 0: 0.1, 1: 0.9 });
  });

  it("leaves a missing timestamp null", async () => {
    const { records, malformed } = await collectLog(jsonl([{ request_id: "a", x: 1 }]));
    expect(malformed).toEqual([]);
    expect(records[0].timestampMs).toBeNull();
  });

  it("counts a row with an unparseable timestamp as malformed", async () => {
    const { records, malformed } = await collectLog(jsonl([{ timestamp: "xyz", x: 1 }, { timestamp: 0, x: 2 }]));
    expect(records).toHaveLength(1);
    expect(malformed).toEqual([{ line: 1, reason: "timestamp: cannot parse 'xyz'", raw: '{"timestamp":"xyz","x":1}' }]);
  });

  it("counts a row whose score is not a number as malformed", async () => {
    const { malformed } = await collectLog(jsonl([{ score: "high" }]));
    expect(malformed[0].reason).toBe("score: not a number 'high'");
  });

  it("counts a features value that is not an object as malformed", async () => {
    const { malformed } = await collectLog(jsonl([{ features: [1, 2] }]));
    expect(malformed[0].reason).toBe("features: expected an object of features");
  });

  it("reads the null tokens of JSON strings as null and keeps other strings", async () => {
    const { records } = await collectLog(jsonl([{ a: "NA", b: "N/A", c: "null", d: "NULL", e: "", f: "NaN", g: "true", h: true, i: null }]));
    expect({ ...records[0].features }).toEqual({ a: null, b: null, c: null, d: null, e: null, f: "NaN", g: "true", h: true, i: null });
  });

  it("reads non-scalar feature values as null and counts them", async () => {
    const { records, summary } = await collectLog(jsonl([{ features: { tags: ["a", "b"], geo: { lat: 1 }, n: 1 } }]));
    expect({ ...records[0].features }).toEqual({ tags: null, geo: null, n: 1 });
    expect(summary.nonScalarValues).toBe(2);
  });

  it("counts malformed lines with their line numbers and reasons, and reads the rest", async () => {
    const lines = ['{"x":1}', "{not json", "[1,2]", '"text"', '{"x":2}'];
    const { records, malformed, summary } = await collectLog(jsonl(lines));
    expect(records.map((r) => r.features.x)).toEqual([1, 2]);
    expect(malformed.map((m) => [m.line, m.raw])).toEqual([[2, "{not json"], [3, "[1,2]"], [4, '"text"']]);
    expect(malformed[0].reason).toMatch(/^invalid JSON: /);
    expect(malformed[1].reason).toBe("not a JSON object");
    expect(summary).toMatchObject({ rows: 2, malformed: 3 });
  });

  it("cuts the raw text of a malformed line to 300 characters", async () => {
    const { malformed } = await collectLog(jsonl(["{" + "x".repeat(1000)]));
    expect(malformed[0].raw).toHaveLength(300);
  });

  it("skips blank and whitespace-only lines without counting them", async () => {
    const { records, summary } = await collectLog(sourceFromBytes("x.jsonl", '\n{"x":1}\n\n   \n\t\n{"x":2}\n\n'));
    expect(records).toHaveLength(2);
    expect(summary.malformed).toBe(0);
  });

  it("numbers lines counting blank lines", async () => {
    const { malformed } = await collectLog(sourceFromBytes("x.jsonl", '{"x":1}\n\n\nbad\n'));
    expect(malformed[0].line).toBe(4);
  });

  it("offsets line numbers by startLine", async () => {
    const { malformed } = await collectLog(sourceFromBytes("x.jsonl", '{"x":1}\nbad\n'), { startLine: 1001 });
    expect(malformed[0].line).toBe(1002);
  });

  it("strips a UTF-8 byte order mark", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.jsonl", '\ufeff{"x":1}\n'));
    expect(malformed).toEqual([]);
    expect(records[0].features.x).toBe(1);
  });

  it("reads CRLF line endings", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.jsonl", '{"x":"a"}\r\n{"x":"b"}\r\n'));
    expect(malformed).toEqual([]);
    expect(records.map((r) => r.features.x)).toEqual(["a", "b"]);
  });

  it("reads a final line without a newline", async () => {
    const { records } = await collectLog(sourceFromBytes("x.jsonl", '{"x":1}\n{"x":2}'));
    expect(records).toHaveLength(2);
  });

  it("decodes multi-byte characters split across one-byte chunks", async () => {
    const text = '{"city":"Zürich","emoji":"🚀","jp":"東京"}\r\n{"city":"Malmö"}';
    const { records } = await collectLog(sourceFromBytes("x.jsonl", text, 1));
    expect(records.map((r) => r.features.city)).toEqual(["Zürich", "Malmö"]);
    expect(records[0].features.emoji).toBe("🚀");
    expect(records[0].features.jp).toBe("東京");
  });

  it("counts a line longer than maxLineBytes as malformed and reads on", async () => {
    const long = `{"x":"${"a".repeat(2_000_000)}"}`;
    const { records, malformed } = await collectLog(sourceFromBytes("x.jsonl", `{"x":1}\n${long}\n{"x":2}\n`, 65_536));
    expect(records.map((r) => r.features.x)).toEqual([1, 2]);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ line: 2, reason: "line longer than 1048576 bytes" });
    expect(malformed[0].raw.startsWith('{"x":"aaa')).toBe(true);
  });

  it("skips a 10 MB line streamed in 64 KiB chunks", async () => {
    const chunk = Buffer.alloc(65_536, "a");
    const source = {
      name: "x.jsonl",
      async *stream() {
        yield Buffer.from('{"x":1}\n{"x":"');
        for (let i = 0; i < 160; i++) yield chunk;
        yield Buffer.from('"}\n{"x":2}\n');
      },
    };
    const { records, malformed } = await collectLog(source);
    expect(records.map((r) => r.features.x)).toEqual([1, 2]);
    expect(malformed).toMatchObject([{ line: 2, reason: "line longer than 1048576 bytes" }]);
  });

  it("applies a custom maxLineBytes, counting bytes rather than characters", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.jsonl", '{"x":"éé"}\n{"x":"ab"}\n'), { maxLineBytes: 11 });
    expect(records.map((r) => r.features.x)).toEqual(["ab"]);
    expect(malformed[0].reason).toBe("line longer than 11 bytes");
  });

  it("counts a very long final line without a newline as malformed", async () => {
    const { malformed } = await collectLog(sourceFromBytes("x.jsonl", `{"x":1}\n${"b".repeat(3_000_000)}`, 100_000));
    expect(malformed).toMatchObject([{ line: 2, reason: "line longer than 1048576 bytes" }]);
  });

  it("reads an empty file as an empty summary", async () => {
    const { summary } = await collectLog(sourceFromBytes("x.jsonl", ""));
    expect(summary).toEqual({ format: "jsonl", compressed: false, rows: 0, malformed: 0, nonScalarValues: 0, bytes: 0, empty: true });
  });

  it("reads a file of blank lines as empty", async () => {
    const { summary } = await collectLog(sourceFromBytes("x.ndjson", "\n\n  \n"));
    expect(summary).toMatchObject({ rows: 0, empty: true });
  });

  it("stops after maxRows records", async () => {
    const { records, summary } = await collectLog(jsonl(Array.from({ length: 100 }, (_, i) => ({ i }))), { maxRows: 10 });
    expect(records).toHaveLength(10);
    expect(summary.rows).toBe(10);
  });

  it("closes the source stream when it stops early", async () => {
    let closed = false;
    const source = {
      name: "x.jsonl",
      async *stream() {
        try {
          for (let i = 0; i < 1000; i++) yield Buffer.from(`{"i":${i}}\n`);
        } finally {
          closed = true;
        }
      },
    };
    await collectLog(source, { maxRows: 2 });
    expect(closed).toBe(true);
  });

  it("rejects a maxLineBytes that is not a positive integer", async () => {
    await expect(collectLog(jsonl([{ x: 1 }]), { maxLineBytes: 0 })).rejects.toThrow(RangeError);
  });

  it("counts the bytes read", async () => {
    const { summary } = await collectLog(sourceFromBytes("x.jsonl", '{"x":1}\n'));
    expect(summary.bytes).toBe(8);
  });
});
