import { describe, expect, it } from "vitest";
import type { LogRecord } from "../../../shared/types.ts";
import { collectLog, FIXTURES, fileSource, jsonl } from "./helpers.ts";

const COLUMNS = ["age", "balance", "duration", "campaign"];

function capture(input: object | undefined, output: object | undefined, meta: object = { eventId: "ev-1", inferenceTime: "2024-01-15T10:30:00Z" }): object {
  return { captureData: { ...(input ? { endpointInput: input } : {}), ...(output ? { endpointOutput: output } : {}) }, eventMetadata: meta, eventVersion: "0" };
}
const csvIn = (data: string): object => ({ observedContentType: "text/csv", mode: "INPUT", data, encoding: "CSV" });
const csvOut = (data: string): object => ({ observedContentType: "text/csv", mode: "OUTPUT", data, encoding: "CSV" });
const jsonIn = (v: unknown): object => ({ observedContentType: "application/json", mode: "INPUT", data: JSON.stringify(v), encoding: "JSON" });
const jsonOut = (v: unknown): object => ({ observedContentType: "application/json", mode: "OUTPUT", data: JSON.stringify(v), encoding: "JSON" });

function view(r: LogRecord): object {
  return { id: r.id, timestampMs: r.timestampMs, prediction: r.prediction, score: r.score, features: { ...r.features } };
}

describe("readLog on SageMaker Data Capture", () => {
  it("reads CSV captures with features named by columnOrder", async () => {
    const { records, malformed } = await collectLog(fileSource(`${FIXTURES}/sagemaker-capture-csv.jsonl`), { columnOrder: COLUMNS, task: "binary_classification" });
    expect(malformed).toEqual([]);
    expect(records.map(view)).toEqual([
      { id: "a3f5d1c2-0b6e-4c59-9b0a-1f2e3d4c5b6a", timestampMs: Date.UTC(2024, 0, 15, 10, 30, 0), prediction: 0, score: 0.0254181120544672, features: { age: 58, balance: 2143, duration: 261, campaign: 1 } },
      { id: "req-2", timestampMs: Date.UTC(2024, 0, 15, 10, 30, 1), prediction: 1, score: 0.8731, features: { age: 44, balance: 29, duration: 151, campaign: 1 } },
      { id: "c5f7f3e4-2d8a-4e7b-9d2c-3b4a5f6e7d8c#0", timestampMs: Date.UTC(2024, 0, 15, 10, 30, 2, 120), prediction: 0, score: 0.2, features: { age: 33, balance: 2, duration: 76, campaign: 1 } },
      { id: "c5f7f3e4-2d8a-4e7b-9d2c-3b4a5f6e7d8c#1", timestampMs: Date.UTC(2024, 0, 15, 10, 30, 2, 120), prediction: 1, score: 0.6, features: { age: 47, balance: 1506, duration: 92, campaign: 1 } },
    ]);
  });

  it("names positional features f0, f1, … without columnOrder", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1,a,"), csvOut("0.4"))]));
    expect({ ...records[0].features }).toEqual({ f0: 1, f1: "a", f2: null });
  });

  it("reads JSON captures, object inputs and a BASE64 instances batch", async () => {
    const { records, malformed } = await collectLog(fileSource(`${FIXTURES}/sagemaker-capture-json.jsonl`), { columnOrder: ["age", "default", "month"] });
    expect(malformed).toEqual([]);
    expect(records.map(view)).toEqual([
      { id: "req-10", timestampMs: Date.UTC(2024, 0, 15, 11), prediction: 1, score: 0.91, features: { age: 58, job: "management", balance: 2143 } },
      { id: "e7b9b5a6-4fac-4a9d-9f4e-5d6c7b8a9f0e#0", timestampMs: Date.UTC(2024, 0, 15, 11, 0, 1), prediction: 0, score: 0.2, features: { age: 30, default: 1, month: 5 } },
      { id: "e7b9b5a6-4fac-4a9d-9f4e-5d6c7b8a9f0e#1", timestampMs: Date.UTC(2024, 0, 15, 11, 0, 1), prediction: 1, score: 0.7, features: { age: 41, default: 0, month: 7 } },
    ]);
  });

  it("reads a {\"features\": […]} input", async () => {
    const { records } = await collectLog(jsonl([capture(jsonIn({ features: [1, 2] }), jsonOut(3.5))]), { task: "regression" });
    expect(view(records[0])).toMatchObject({ prediction: 3.5, score: null, features: { f0: 1, f1: 2 } });
  });

  it("reads an array-of-rows input as one record per row", async () => {
    const { records } = await collectLog(jsonl([capture(jsonIn([[1, 2], [3, 4]]), jsonOut([0.1, 0.9]))]), { task: "binary_classification" });
    expect(records.map((r) => [r.features.f1, r.score, r.prediction])).toEqual([[2, 0.1, 0], [4, 0.9, 1]]);
  });

  it("reads a score in (0,1) without a binary task as a score only", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1"), csvOut("0.7"))]));
    expect(records[0]).toMatchObject({ score: 0.7, prediction: null });
  });

  it("reads an output of 0 or 1 as the prediction", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1"), csvOut("1"))]), { task: "binary_classification" });
    expect(records[0]).toMatchObject({ prediction: 1, score: null });
  });

  it("reads a number in (0,1) as the prediction of a regression model", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1"), csvOut("0.7"))]), { task: "regression" });
    expect(records[0]).toMatchObject({ prediction: 0.7, score: null });
  });

  it("reads class probabilities with labels into a map and its argmax", async () => {
    const out = jsonOut({ predictions: [{ labels: ["cat", "dog", "fox"], probabilities: [0.2, 0.7, 0.1] }] });
    const { records } = await collectLog(jsonl([capture(csvIn("1"), out)]), { task: "multiclass_classification" });
    expect(records[0].prediction).toBe("dog");
    expect({ ...records[0].probabilities }).toEqual({ cat: 0.2, dog: 0.7, fox: 0.1 });
  });

  it("reads a CSV row of two probabilities as binary probabilities with class 1 as the score", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1"), csvOut("0.3,0.7"))]));
    expect(records[0]).toMatchObject({ prediction: 1, score: 0.7 });
  });

  it("reads a text label output as the prediction", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1"), csvOut("yes"))]));
    expect(records[0].prediction).toBe("yes");
  });

  it("reads a capture without endpointOutput as features only", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1,2"), undefined)]));
    expect(records[0]).toMatchObject({ prediction: null, score: null });
    expect(records[0].features.f1).toBe(2);
  });

  it("reads JSON Lines inputs as one instance per line", async () => {
    const input = { observedContentType: "application/jsonlines", mode: "INPUT", data: '{"a":1}\n{"a":2}', encoding: "JSON" };
    const { records } = await collectLog(jsonl([capture(input, csvOut("0.1\n0.2"))]));
    expect(records.map((r) => r.features.a)).toEqual([1, 2]);
  });

  it("counts a capture whose input and output disagree in length as malformed", async () => {
    const { malformed } = await collectLog(jsonl([capture(csvIn("1\n2"), csvOut("0.5"))]));
    expect(malformed[0].reason).toBe("endpointInput has 2 instances but endpointOutput has 1");
  });

  it("counts a CSV input that does not match columnOrder as malformed", async () => {
    const { malformed } = await collectLog(jsonl([capture(csvIn("1,2,3"), csvOut("0.5"))]), { columnOrder: COLUMNS });
    expect(malformed[0].reason).toBe("expected 4 fields, found 3");
  });

  it("counts a capture with an invalid JSON payload as malformed", async () => {
    const bad = { observedContentType: "application/json", mode: "INPUT", data: "{oops", encoding: "JSON" };
    const { malformed } = await collectLog(jsonl([capture(bad, csvOut("0.5"))]));
    expect(malformed[0].reason).toMatch(/^endpointInput: invalid JSON: /);
  });

  it("counts a capture with an unparseable inferenceTime as malformed", async () => {
    const { malformed } = await collectLog(jsonl([capture(csvIn("1"), csvOut("0.5"), { eventId: "e", inferenceTime: "later" })]));
    expect(malformed[0].reason).toBe("timestamp: cannot parse 'later'");
  });

  it("reads captures and plain records mixed in one file", async () => {
    const { records } = await collectLog(jsonl([capture(csvIn("1"), csvOut("0.5")), { request_id: "plain", x: 1 }]));
    expect(records.map((r) => r.id)).toEqual(["ev-1", "plain"]);
  });
});
