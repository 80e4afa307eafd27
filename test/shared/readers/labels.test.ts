import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { collectLabels, FIXTURES, fileSource, jsonl, sourceFromBytes } from "./helpers.ts";

describe("readLabels", () => {
  it("reads plain JSON Lines label records", async () => {
    const { records, summary } = await collectLabels(jsonl([{ request_id: "req-123", label: 0 }, { request_id: "req-124", label: "fraud", timestamp: "2024-02-01T00:00:00Z" }]));
    expect(records).toEqual([
      { id: "req-123", label: 0, timestampMs: null },
      { id: "req-124", label: "fraud", timestampMs: Date.UTC(2024, 1, 1) },
    ]);
    expect(summary).toMatchObject({ rows: 2, malformed: 0, format: "jsonl" });
  });

  it("reads CSV labels, keeping ids as written", async () => {
    const { records } = await collectLabels(sourceFromBytes("labels/m/x.csv.gz", gzipSync("request_id,label,timestamp\n007,1,1706745600\n008,no,\n")));
    expect(records).toEqual([
      { id: "007", label: 1, timestampMs: Date.UTC(2024, 1, 1) },
      { id: "008", label: "no", timestampMs: null },
    ]);
  });

  it("uses custom field names", async () => {
    const { records } = await collectLabels(jsonl([{ event: 5, y: true }]), { fields: { id: "event", label: "y" } });
    expect(records).toEqual([{ id: "5", label: true, timestampMs: null }]);
  });

  it("reads SageMaker ground-truth records in CSV, BASE64 JSON and JSON-array form", async () => {
    const { records, malformed } = await collectLabels(fileSource(`${FIXTURES}/sagemaker-ground-truth.jsonl`));
    expect(malformed).toEqual([]);
    expect(records).toEqual([
      { id: "a3f5d1c2-0b6e-4c59-9b0a-1f2e3d4c5b6a", label: 1, timestampMs: null },
      { id: "req-2", label: 0, timestampMs: null },
      { id: "req-10", label: "yes", timestampMs: null },
      { id: "e7b9b5a6-4fac-4a9d-9f4e-5d6c7b8a9f0e#0", label: 0, timestampMs: null },
      { id: "e7b9b5a6-4fac-4a9d-9f4e-5d6c7b8a9f0e#1", label: 1, timestampMs: null },
    ]);
  });

  it("counts a record without an id as malformed", async () => {
    const { malformed } = await collectLabels(jsonl([{ label: 1 }]));
    expect(malformed).toMatchObject([{ line: 1, reason: "missing id (request_id)" }]);
  });

  it("counts a record without a label as malformed", async () => {
    const { malformed } = await collectLabels(jsonl([{ request_id: "a", label: "NA" }]));
    expect(malformed).toMatchObject([{ line: 1, reason: "missing label (label)" }]);
  });

  it("counts a label with an unparseable timestamp as malformed", async () => {
    const { malformed } = await collectLabels(jsonl([{ request_id: "a", label: 1, timestamp: "yesterday" }]));
    expect(malformed[0].reason).toBe("timestamp: cannot parse 'yesterday'");
  });

  it("reads an empty label file as empty", async () => {
    const { summary } = await collectLabels(sourceFromBytes("labels.jsonl", ""));
    expect(summary).toMatchObject({ rows: 0, empty: true });
  });
});
