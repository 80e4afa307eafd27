import { afterEach, describe, expect, it } from "vitest";
import type { LocalBackend } from "../../cli/local/backend.ts";
import { ConfigFieldError } from "../../shared/config/errors.ts";
import { ingestObject } from "../../shared/pipeline/ingest.ts";
import { doneKey } from "../../shared/pipeline/keys.ts";
import { evaluateModel } from "../../shared/pipeline/evaluate.ts";
import { ingestLabels } from "../../shared/pipeline/labels.ts";
import { buildReferenceFromObject } from "../../shared/pipeline/reference.ts";
import { ReferenceFormatError } from "../../shared/reference/parse.ts";
import { dayOf, expectNoPollution, fixtureBytes, freshBackend, idOf, partialsOf, putFixture, quarantineOf, rejectionOf } from "./helpers.ts";

// Issue #7, the bad-input corpus through the pipeline steps the Lambdas run (ingest, labels), on
// the local backend (bucket folder + SQLite): what each object counts, what it samples into
// quarantine/, what its partial profiles hold, and what a redelivery does.
const D1 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

let backend: LocalBackend;
afterEach(() => backend?.close());

/** Puts a corpus file under predictions/m/ of the test's backend and ingests it; also returns its upload time. */
async function ingest(name: string, key?: string) {
  const k = await putFixture(backend, name, key);
  const uploadedMs = (await backend.objects.open(k))!.info.lastModifiedMs;
  return { key: k, uploadedMs, result: await ingestObject(backend, k) };
}

describe("ingest on bad input: rows counted and sampled, the rest profiled", () => {
  it("counts malformed lines, samples them with their reason into quarantine, and profiles the good ones", async () => {
    backend = await freshBackend();
    const { key, uploadedMs, result } = await ingest("malformed-lines.jsonl");
    expect(result).toEqual({ key, model: "m", rows: 3, malformed: 6, windows: [D1, D1 + DAY, D1 + 2 * DAY, dayOf(uploadedMs)], predictionsStored: 3, duplicateIds: 0, skipped: false });
    const q = await quarantineOf(backend, key);
    expect(q!.map((e) => [e.source, e.line, e.reason])).toEqual([
      [key, 2, expect.stringMatching(/^invalid JSON: /)],
      [key, 3, expect.stringMatching(/^invalid JSON: /)],
      [key, 4, "not a JSON object"],
      [key, 5, "not a JSON object"],
      [key, 6, "features: expected an object of features"],
      [key, 7, "score: not a number 'high'"],
    ]);
    expect(q![1].raw).toBe("not json at all");
    const partials = await partialsOf(backend, key);
    expect([...partials].map(([w, p]) => [w, p.profile.rows, p.profile.malformedRows])).toEqual([
      [D1, 1, 0],
      [D1 + DAY, 1, 0],
      [D1 + 2 * DAY, 1, 0],
      [dayOf(uploadedMs), 0, 6], // a malformed row has no trustworthy time: it counts at upload
    ]);
  });

  it("samples at most 100 malformed rows into quarantine but counts them all", async () => {
    backend = await freshBackend();
    const lines = [...Array.from({ length: 150 }, (_, i) => `bad line ${i}`), '{"timestamp":"2024-01-01T10:00:00Z","features":{"x":1}}'];
    await backend.objects.put("predictions/m/many-bad.jsonl", lines.join("\n") + "\n");
    const result = await ingestObject(backend, "predictions/m/many-bad.jsonl");
    expect(result).toMatchObject({ rows: 1, malformed: 150 });
    const q = await quarantineOf(backend, "predictions/m/many-bad.jsonl");
    expect(q).toHaveLength(100);
    expect(q!.map((e) => e.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("changes nothing when a partly bad object is delivered again", async () => {
    backend = await freshBackend();
    const { key, result } = await ingest("malformed-lines.jsonl");
    const again = await ingestObject(backend, key);
    expect(again).toEqual({ ...result, predictionsStored: 0, skipped: true });
    expect(await quarantineOf(backend, key)).toHaveLength(6);
  });
});

describe("ingest on bad input: objects rejected whole", () => {
  it.each([
    ["truncated.jsonl.gz", "truncated gzip stream after 310 bytes"],
    ["binary.jsonl", "binary file, not text (NUL bytes in the first 1024 bytes)"],
    ["invalid-utf8-mostly.jsonl", "binary file, not text (600 invalid UTF-8 sequences in the first 657 bytes)"],
  ])("rejects %s with its reason in quarantine, profiles nothing, and stays rejected on redelivery", async (name, problem) => {
    backend = await freshBackend();
    const { key, result } = await ingest(name);
    const reason = `${key}: ${problem}`;
    expect(result).toEqual({ key, model: "m", rows: 0, malformed: 0, windows: [], predictionsStored: 0, duplicateIds: 0, skipped: false, rejected: reason });
    expect(await rejectionOf(backend, key)).toEqual({ source: key, etag: (await backend.objects.open(key))!.info.etag, reason });
    expect((await partialsOf(backend, key)).size).toBe(0);
    expect(await ingestObject(backend, key)).toMatchObject({ skipped: true, rejected: reason });
  });

  it("profiles nothing for a zero-byte object and marks it done", async () => {
    backend = await freshBackend();
    const { key, result } = await ingest("empty.jsonl");
    expect(result).toEqual({ key, model: "m", rows: 0, malformed: 0, windows: [], predictionsStored: 0, duplicateIds: 0, skipped: false });
    expect(await quarantineOf(backend, key)).toBeNull();
    expect(await rejectionOf(backend, key)).toBeNull();
    expect((await partialsOf(backend, key)).size).toBe(0);
    expect(await backend.objects.getText(doneKey("m", await idOf(backend, key)))).not.toBeNull();
  });
});

describe("ingest on bad input: a broken monitor config or reference stops the object for a retry", () => {
  it.each([
    ["monitor-invalid.yaml", "monitors/m.yaml: drift.datasetShare: Too big: expected number to be <=1"],
    ["monitor-bad-rule.yaml", "monitors/m.yaml: alerts[0] (escape).when: position 13: expected an operator or the end of the rule, found '('"],
  ])("throws ConfigFieldError for %s, writes nothing, and ingests the object once the config is fixed", async (config, message) => {
    backend = await freshBackend();
    await putFixture(backend, config, "monitors/m.yaml");
    const key = await putFixture(backend, "good.jsonl");
    const failure = ingestObject(backend, key);
    await expect(failure).rejects.toThrow(ConfigFieldError);
    await expect(failure).rejects.toThrow(message);
    await putFixture(backend, "labels-unknown-ids.jsonl", "labels/m/l.jsonl");
    await expect(ingestLabels(backend, "labels/m/l.jsonl")).rejects.toThrow(message);
    expect(await backend.objects.getText(doneKey("m", await idOf(backend, key)))).toBeNull();
    expect((await partialsOf(backend, key)).size).toBe(0);
    await backend.objects.delete("monitors/m.yaml");
    expect(await ingestObject(backend, key)).toMatchObject({ rows: 60, skipped: false });
  });

  it("throws ReferenceFormatError for a reference of another format version and writes nothing", async () => {
    backend = await freshBackend();
    await putFixture(backend, "reference-v2.json", "reference/m/profile.json");
    const key = await putFixture(backend, "good.jsonl");
    const failure = ingestObject(backend, key);
    await expect(failure).rejects.toThrow(ReferenceFormatError);
    await expect(failure).rejects.toThrow("reference/m/profile.json: reference format version 2 is not supported (expected 1)");
    expect(await backend.objects.getText(doneKey("m", await idOf(backend, key)))).toBeNull();
  });
});

describe("ingest on bad input: values", () => {
  it.each(["bom.jsonl", "crlf.jsonl", "bom.csv", "crlf.csv"])("reads %s like a plain UTF-8, LF file", async (name) => {
    backend = await freshBackend();
    const { key, result } = await ingest(name);
    expect(result).toMatchObject({ rows: 3, malformed: 0, windows: [D1, D1 + DAY, D1 + 2 * DAY], predictionsStored: 3 });
    const partials = await partialsOf(backend, key);
    expect([...partials.values()].map((p) => p.profile.features.c.categorical!.values)).toEqual([["a"], ["b"], ["c"]]);
    expect(Object.keys(partials.get(D1)!.profile.features).sort()).toEqual(["c", "x"]);
  });

  it("profiles bare NaN/Infinity as non-finite numbers and null spellings as nulls", async () => {
    backend = await freshBackend();
    const { key, result } = await ingest("nan-infinity.jsonl");
    expect(result).toMatchObject({ rows: 7, malformed: 0, windows: [D1], predictionsStored: 7 });
    const x = (await partialsOf(backend, key)).get(D1)!.profile.features.x;
    expect(x.numeric).toMatchObject({ count: 1, nan: 1, posInf: 1, negInf: 0 });
    expect(x.nulls).toBe(1);
    expect([...x.categorical!.values].sort()).toEqual(["-Infinity", "Infinity", "NaN"]);
  });

  it("keeps __proto__, constructor and prototype as features of the partial profile, polluting nothing", async () => {
    backend = await freshBackend();
    const { key, result } = await ingest("proto-keys.jsonl");
    expect(result).toMatchObject({ rows: 3, malformed: 0, windows: [D1] });
    const features = (await partialsOf(backend, key)).get(D1)!.profile.features;
    expect(Object.keys(features).sort()).toEqual(["__proto__", "constructor", "hasOwnProperty", "prototype", "toString", "x"]);
    expect(Object.hasOwn(features, "__proto__")).toBe(true);
    expect(features.__proto__.categorical!.values).toEqual(["b"]); // the object values are non-scalar: null
    expectNoPollution();
  });

  it("reads a row with a few invalid UTF-8 bytes, replaced by U+FFFD", async () => {
    backend = await freshBackend();
    const { key, result } = await ingest("invalid-utf8.jsonl");
    expect(result).toMatchObject({ rows: 23, malformed: 0 });
    expect((await partialsOf(backend, key)).get(D1)!.profile.features.c.categorical!.values).toContain("caf\ufffd(\ufffd");
  });
});

describe("ingest on bad input: timestamps", () => {
  it("quarantines unreadable, out-of-range and future timestamps and puts 1970 in its own window", async () => {
    backend = await freshBackend();
    const { key, uploadedMs, result } = await ingest("timestamps.jsonl");
    expect(result).toMatchObject({ rows: 3, malformed: 6, windows: [0, D1, dayOf(uploadedMs)], predictionsStored: 3 });
    const latest = new Date(uploadedMs + DAY).toISOString();
    expect((await quarantineOf(backend, key))!.map((e) => [e.line, e.reason])).toEqual([
      [1, "timestamp: cannot parse 'yesterday'"],
      [2, "timestamp: cannot parse '2024-02-30T00:00:00Z'"],
      [3, "timestamp: cannot parse 'true'"],
      [4, "timestamp: '1e+300' is outside the years 0001–9999"],
      [5, "timestamp: '-1e20' is outside the years 0001–9999"],
      [6, `timestamp: 9999-12-31T23:59:59.000Z is later than the latest accepted time ${latest}`],
    ]);
    const partials = await partialsOf(backend, key);
    expect(partials.get(0)!.profile).toMatchObject({ rows: 2, timestamps: { min: 0, max: 0 } });
    expect(partials.get(D1)!.profile.rows).toBe(1);
  });
});

describe("ingest on bad input: duplicate ids", () => {
  it("counts repeats within an object in its profile and repeats of earlier objects from the join store", async () => {
    backend = await freshBackend();
    const { key, result } = await ingest("duplicate-ids.jsonl");
    expect(result).toMatchObject({ rows: 6, predictionsStored: 3 });
    expect((await partialsOf(backend, key)).get(D1)!.profile.ids).toEqual({ count: 6, distinct: 3, duplicates: 3, approximate: false });
    await backend.objects.put("predictions/m/later.jsonl", ['{"timestamp":"2024-01-01T11:00:00Z","request_id":"r1"}', '{"timestamp":"2024-01-01T11:00:00Z","request_id":"r4"}'].join("\n") + "\n");
    expect(await ingestObject(backend, "predictions/m/later.jsonl")).toMatchObject({ rows: 2, predictionsStored: 1, duplicateIds: 1 });
    expect((await partialsOf(backend, "predictions/m/later.jsonl")).get(D1)!.joinDuplicates).toBe(1);
  });
});

describe("labels on bad input", () => {
  it("keeps labels for unknown ids waiting, joins known ones, and quarantines broken rows", async () => {
    backend = await freshBackend();
    await ingest("duplicate-ids.jsonl");
    const key = await putFixture(backend, "labels-unknown-ids.jsonl", "labels/m/l.jsonl");
    const result = await ingestLabels(backend, key);
    expect(result).toEqual({ key, model: "m", labels: 3, malformed: 4, joined: 1, pending: 2, duplicates: 0 });
    expect((await quarantineOf(backend, key))!.map((e) => [e.line, e.reason])).toEqual([
      [4, "missing label (label)"],
      [5, "missing id (request_id)"],
      [6, "timestamp: '1e+300' is outside the years 0001–9999"],
      [7, expect.stringMatching(/^invalid JSON: /)],
    ]);
    // The prediction of a waiting label arrives later: the label joins then.
    await backend.objects.put("predictions/m/late.jsonl", '{"timestamp":"2024-01-01T12:00:00Z","request_id":"never-predicted-1","prediction":1}\n');
    await ingestObject(backend, "predictions/m/late.jsonl");
    const joined = [];
    for await (const p of backend.joins.windowPredictions("m", D1)) if (p.label !== null) joined.push([p.id, p.label]);
    expect(joined.sort()).toEqual([["never-predicted-1", 0], ["r1", 1]]);
  });

  it("quarantines NaN and Infinity labels and stores the others (they used to fail the whole file)", async () => {
    backend = await freshBackend();
    const key = await putFixture(backend, "labels-nan.csv", "labels/m/nan.csv");
    expect(await ingestLabels(backend, key)).toEqual({ key, model: "m", labels: 2, malformed: 2, joined: 0, pending: 2, duplicates: 0 });
    expect((await quarantineOf(backend, key))!.map((e) => [e.line, e.reason, e.raw])).toEqual([
      [3, "label: not a finite number (NaN)", "r2,NaN"],
      [4, "label: not a finite number (Infinity)", "r3,Infinity"],
    ]);
  });

  it("rejects a binary label file whole with its reason", async () => {
    backend = await freshBackend();
    const key = "labels/m/bin.jsonl";
    await backend.objects.put(key, fixtureBytes("binary.jsonl"));
    expect(await ingestLabels(backend, key)).toEqual({ key, model: "m", labels: 0, malformed: 0, joined: 0, pending: 0, duplicates: 0, rejected: `${key}: binary file, not text (NUL bytes in the first 1024 bytes)` });
    expect(await rejectionOf(backend, key)).toEqual({ source: key, reason: `${key}: binary file, not text (NUL bytes in the first 1024 bytes)` });
  });
});

describe("evaluation after bad input", () => {
  it("evaluates every window a model fed the whole corpus has, publishing what ingest counted", async () => {
    backend = await freshBackend();
    await putFixture(backend, "good.jsonl", "reference/m/data.jsonl");
    expect(await buildReferenceFromObject(backend, "reference/m/data.jsonl")).not.toBeNull();
    const names = ["malformed-lines.jsonl", "truncated.jsonl.gz", "empty.jsonl", "binary.jsonl", "bom.csv", "crlf.jsonl", "nan-infinity.jsonl", "numbers-as-strings.jsonl", "proto-keys.jsonl", "invalid-utf8.jsonl", "timestamps.jsonl", "duplicate-ids.jsonl", "new-values.jsonl"];
    let rows = 0;
    let malformed = 0;
    const windows = new Set<number>();
    for (const name of names) {
      const { result } = await ingest(name);
      rows += result.rows;
      malformed += result.malformed;
      for (const w of result.windows) windows.add(w);
    }
    const run = await evaluateModel({ ...backend, clock: { nowMs: () => Date.now() + 3 * DAY } }, "m");
    expect(run.evaluatedWindows).toEqual([...windows].sort((a, b) => a - b));
    const sum = async (metric: string) => (await backend.metrics.query(metric, { Model: "m" })).reduce((a, d) => a + d.value, 0);
    expect(await sum("RowCount")).toBe(rows);
    expect(await sum("MalformedRows")).toBe(malformed);
    expect(run.evaluatedWindows).toContain(0); // the 1970 rows: a window like any backfilled one
    expectNoPollution();
  });
});
