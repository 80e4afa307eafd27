import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../cli/commands/check.ts";
import { localBackend, type LocalBackend } from "../../cli/local/backend.ts";
import { ingestObject } from "../../shared/pipeline/ingest.ts";
import { ingestLabels } from "../../shared/pipeline/labels.ts";
import type { ObjectStore } from "../../shared/ports.ts";
import { readLog } from "../../shared/readers/index.ts";
import { CATEGORY_CAP, MAX_FEATURES } from "../../shared/profile/constants.ts";
import { DEFAULT_MAX_LINE_BYTES, MALFORMED_RAW_CHARS } from "../../shared/readers/options.ts";
import type { ReferenceProfile } from "../../shared/reference/types.ts";
import type { ByteSource } from "../../shared/types.ts";
import { fixture, partialsOf, quarantineOf, tempDir, vigil } from "./helpers.ts";

// Issue #7, the large cases of the bad-input corpus, generated here into a temporary folder (never
// committed): a 10 MB line, 1,000,000 distinct categories, 10,000 features and 100,000 levels of
// nesting — each read without a crash, with its exact outcome, and with memory that stays bounded.
const D1 = Date.UTC(2024, 0, 1);
const MB = 1024 * 1024;
const GOOD = fixture("good.jsonl");
const row = (i: number) => JSON.stringify({ timestamp: "2024-01-01T10:00:00Z", request_id: `g${i}`, features: { x: i % 17, c: "abc"[i % 3] } });

let root: string;
let backend: LocalBackend;

/** Writes a file into the bucket folder (the local backend reads it as an object). */
function put(key: string, text: string): string {
  const path = join(root, key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** JS heap plus memory outside it (Buffers hold the bytes a reader carries between chunks). */
const usedBytes = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/**
 * Memory use sampled as a reader takes each chunk of a source: the peak growth over the start.
 * Sampling at chunks (not on a timer) sees the reader at every step; garbage not yet collected
 * counts too, so the bounds are generous.
 */
class ChunkSampler {
  private readonly start = usedBytes();
  private peak = this.start;

  /** The same source, sampling memory before each chunk it hands out. */
  wrap<S extends ByteSource>(source: S): S {
    const sample = () => void (this.peak = Math.max(this.peak, usedBytes()));
    return {
      ...source,
      async *stream() {
        for await (const chunk of source.stream()) {
          sample();
          yield chunk;
        }
        sample();
      },
    };
  }

  get growthBytes(): number {
    return this.peak - this.start;
  }
}

/** The backend's object store, with the chunks of every object it opens sampled. */
function sampledStore(sampler: ChunkSampler): ObjectStore {
  const objects = backend.objects;
  return {
    open: async (key) => {
      const src = await objects.open(key);
      return src && sampler.wrap(src);
    },
    getText: (key) => objects.getText(key),
    put: (key, body, type) => objects.put(key, body, type),
    list: (prefix) => objects.list(prefix),
    delete: (key) => objects.delete(key),
  };
}

beforeAll(async () => {
  root = tempDir();
  backend = await localBackend(root, { print: () => {} });
});
afterAll(() => backend.close());

describe("a 10 MB line", () => {
  let key: string;
  let path: string;

  beforeAll(() => {
    const huge = `{"timestamp":"2024-01-01T10:00:00Z","features":{"c":"${"x".repeat(10 * MB)}"}}`;
    key = "predictions/m/long-line.jsonl";
    path = put(key, [row(0), huge, ...Array.from({ length: 19 }, (_, i) => row(i + 1))].join("\n") + "\n");
  });

  it("is one malformed row naming its line and the limit; the other 20 rows are read (vigil check)", async () => {
    const { report, currentRead } = await runCheck({ reference: [GOOD], current: [path], json: true }, Date.now());
    expect(report.current).toMatchObject({ rows: 20, malformedRows: 1 });
    expect(currentRead.malformedSample).toEqual([{ file: path, line: 2, reason: `line longer than ${DEFAULT_MAX_LINE_BYTES} bytes`, raw: expect.stringMatching(/^\{"timestamp":"2024-01-01T10:00:00Z","features":\{"c":"x+$/) }]);
    expect(currentRead.malformedSample[0].raw).toHaveLength(MALFORMED_RAW_CHARS);
  });

  it("is counted and sampled into quarantine by ingest", async () => {
    expect(await ingestObject(backend, key)).toMatchObject({ rows: 20, malformed: 1 });
    const q = await quarantineOf(backend, key);
    expect(q!.map((e) => [e.line, e.reason, (e.raw as string).length])).toEqual([[2, `line longer than ${DEFAULT_MAX_LINE_BYTES} bytes`, MALFORMED_RAW_CHARS]]);
  });

  it("is skipped holding at most about 1 MiB of it", async () => {
    // 10 MiB of line in 64 KiB chunks that are one reused buffer: any growth is what the reader keeps.
    const piece = Buffer.alloc(64 * 1024, "x");
    const source: ByteSource = {
      name: "long.jsonl",
      async *stream() {
        yield Buffer.from(`${row(0)}\n{"timestamp":"2024-01-01T10:00:00Z","features":{"c":"`);
        for (let i = 0; i < 160; i++) yield piece;
        yield Buffer.from(`"}}\n${row(1)}\n`);
      },
    };
    const sampler = new ChunkSampler();
    const malformed: string[] = [];
    const summary = await readLog(sampler.wrap(source), {}, { record: () => {}, malformed: (m) => malformed.push(`${m.line}: ${m.reason}`) });
    expect(summary).toMatchObject({ rows: 2, malformed: 1 });
    expect(malformed).toEqual([`2: line longer than ${DEFAULT_MAX_LINE_BYTES} bytes`]);
    // Held whole, the line would take 10 MiB as bytes and as much again as text.
    expect(sampler.growthBytes).toBeLessThan(8 * MB);
  });
});

describe("1,000,000 distinct category values", () => {
  const ROWS = 1_000_000;
  let key: string;
  let path: string;

  beforeAll(() => {
    key = "predictions/m/categories.jsonl";
    path = join(root, key);
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, "w");
    try {
      for (let start = 0; start < ROWS; start += 10_000) {
        let chunk = "";
        for (let i = start; i < start + 10_000; i++) chunk += `{"timestamp":"2024-01-01T10:00:00Z","features":{"x":${i % 17},"c":"v${i}"}}\n`;
        writeSync(fd, chunk);
      }
    } finally {
      closeSync(fd);
    }
  });

  it("caps the partial profile's categories at CATEGORY_CAP plus other, with memory bounded", async () => {
    const sampler = new ChunkSampler();
    const result = await ingestObject({ ...backend, objects: sampledStore(sampler) }, key);
    expect(result).toMatchObject({ rows: ROWS, malformed: 0, windows: [D1] });
    const c = (await partialsOf(backend, key)).get(D1)!.profile.features.c.categorical!;
    expect(c.values).toHaveLength(CATEGORY_CAP);
    expect(c.other).toBe(ROWS - CATEGORY_CAP);
    expect(c.counts.reduce((a, b) => a + b, 0) + c.other).toBe(ROWS);
    // A map of every value would hold 1,000,000 strings (≈ 60 MB); the counter keeps ≤ 2,000.
    expect(sampler.growthBytes).toBeLessThan(48 * MB);
  });

  it("reports every row's category as new and the feature as drifted (vigil check)", async () => {
    const { code, out } = await vigil("check", "--reference", GOOD, "--current", path, "--json");
    expect(code).toBe(1);
    const c = JSON.parse(out).features.c;
    expect(c.quality.newCategoryShare).toBe(1);
    expect(c.drift).toMatchObject({ method: "chisquare", drifted: true });
    expect(c.summary.newCategories).toHaveLength(10);
  });
});

describe("10,000 features", () => {
  let key: string;
  let path: string;

  beforeAll(() => {
    key = "predictions/m/wide.jsonl";
    const rows = Array.from({ length: 20 }, (_, r) => JSON.stringify({ timestamp: "2024-01-01T10:00:00Z", features: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, (i * r) % 7])) }));
    path = put(key, rows.join("\n") + "\n");
  });

  it("profiles the first MAX_FEATURES and says how many more were not profiled (vigil profile)", async () => {
    const out = join(tempDir(), "wide.json");
    const r = await vigil("profile", path, "--model", "m", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/, 20 rows \(0 malformed\), 1000 features \(\d+ numerical\), 1 chunks; 9000 more features not profiled \(at most 1000\)$/);
    const reference = JSON.parse(readFileSync(out, "utf8")) as ReferenceProfile;
    expect(Object.keys(reference.schema)).toHaveLength(MAX_FEATURES);
    expect(reference.profile.droppedFeatures).toBe(9_000);
  });

  it("reports the features it does not monitor (vigil check)", async () => {
    const json = await vigil("check", "--reference", path, "--current", path, "--json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(Object.keys(report.features)).toHaveLength(MAX_FEATURES);
    expect(report.quality.droppedFeatures).toBe(9_000);
    const text = await vigil("check", "--reference", path, "--current", path);
    expect(text.out).toContain("9000 more features not monitored (a profile keeps at most 1000)");
  });

  it("keeps MAX_FEATURES in the partial profile and counts the rest (ingest)", async () => {
    expect(await ingestObject(backend, key)).toMatchObject({ rows: 20, malformed: 0 });
    const profile = (await partialsOf(backend, key)).get(D1)!.profile;
    expect(Object.keys(profile.features)).toHaveLength(MAX_FEATURES);
    expect(profile.droppedFeatures).toBe(9_000);
  });
});

describe("100,000 levels of nesting", () => {
  const LEVELS = 100_000;
  const deepObject = '{"a":'.repeat(LEVELS) + "1" + "}".repeat(LEVELS);
  const deepArray = "[".repeat(LEVELS) + "]".repeat(LEVELS);
  let key: string;
  let path: string;

  beforeAll(() => {
    key = "predictions/m/deep.jsonl";
    path = put(key, [row(0), `{"timestamp":"2024-01-01T10:00:00Z","features":{"x":1,"d":${deepObject}}}`, deepArray, row(1)].join("\n") + "\n");
  });

  it("makes the nested lines malformed, without overflowing the stack (vigil check)", async () => {
    const { report, currentRead } = await runCheck({ reference: [GOOD], current: [path], json: true }, Date.now());
    expect(report.current).toMatchObject({ rows: 2, malformedRows: 2 });
    expect(currentRead.malformedSample.map((m) => [m.line, m.reason, m.raw.length])).toEqual([
      [2, "value nested deeper than 100 levels", MALFORMED_RAW_CHARS],
      [3, "not a JSON object", MALFORMED_RAW_CHARS],
    ]);
  });

  it("makes a nested element of a JSON array document malformed", async () => {
    const doc = put("predictions/m/deep.json", `[${row(0)},\n{"timestamp":"2024-01-01T10:00:00Z","d":${deepObject}},\n${row(1)}]`);
    const { report, currentRead } = await runCheck({ reference: [GOOD], current: [doc], json: true }, Date.now());
    expect(report.current).toMatchObject({ rows: 2, malformedRows: 1 });
    expect(currentRead.malformedSample.map((m) => [m.line, m.reason])).toEqual([[2, "value nested deeper than 100 levels"]]);
  });

  it("counts and quarantines the nested lines in ingest and in labels", async () => {
    expect(await ingestObject(backend, key)).toMatchObject({ rows: 2, malformed: 2 });
    expect((await quarantineOf(backend, key))!.map((e) => [e.line, e.reason])).toEqual([
      [2, "value nested deeper than 100 levels"],
      [3, "not a JSON object"],
    ]);
    const labels = "labels/m/deep.jsonl";
    put(labels, `{"request_id":"g0","label":${deepObject}}\n{"request_id":"g1","label":1}\n`);
    expect(await ingestLabels(backend, labels)).toMatchObject({ labels: 1, malformed: 1, joined: 1 });
    expect((await quarantineOf(backend, labels))!.map((e) => [e.line, e.reason])).toEqual([[1, "value nested deeper than 100 levels"]]);
  });
});
