import { createReadStream, createWriteStream, renameSync } from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { parquetWriteFile } from "hyparquet-writer";

/** Deterministic PRNG (mulberry32) so every run benchmarks the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export const NUMERIC_FEATURES = 20;
export const CATEGORICAL_FEATURES = 5;
const CATEGORIES = 12;
const DAY_MS = 86_400_000;

/** One generated prediction, its numbers already as the text every format writes. */
export interface BenchRow {
  timestamp: string;
  requestId: string;
  nums: string[];
  cats: string[];
  prediction: number;
  score: string;
  latencyMs: string;
}

/**
 * The bench's predictions: 20 numerical features (every fourth log-normal, the rest normal around
 * 50) and 5 categorical ones of 12 levels, spread over one day. `shift` moves every numerical mean
 * by that many standard deviations and skews the categories. Same seed, same rows, in every format.
 */
export function* benchRows(rows: number, seed: number, shift = 0): Generator<BenchRow> {
  const rand = prng(seed);
  const start = Date.UTC(2024, 0, 15);
  for (let i = 0; i < rows; i++) {
    const nums: string[] = [];
    for (let j = 0; j < NUMERIC_FEATURES; j++) {
      const v = j % 4 === 0 ? Math.exp(normal(rand) * 0.5 + shift) : 50 + 10 * (normal(rand) + (j < 5 ? shift : 0));
      nums.push(v.toFixed(4));
    }
    const cats: string[] = [];
    for (let j = 0; j < CATEGORICAL_FEATURES; j++) cats.push(`level_${Math.floor(CATEGORIES * rand() ** (1 + shift))}`);
    const score = rand();
    const timestamp = new Date(start + Math.floor((i * DAY_MS) / rows)).toISOString();
    yield { timestamp, requestId: `req-${seed}-${i}`, nums, cats, prediction: score >= 0.5 ? 1 : 0, score: score.toFixed(5), latencyMs: (5 + 20 * rand()).toFixed(1) };
  }
}

const numName = (j: number) => `num_${j}`;
const catName = (j: number) => `cat_${j}`;

/** Writes text lines through a stream in 1 MB chunks, honouring backpressure; atomic by rename. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(`${path}.tmp`);
  let buf = "";
  for (const line of lines) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
  renameSync(`${path}.tmp`, path);
}

/** Canonical JSON Lines (DESIGN §3): features nested under `features`. */
export async function writeBenchJsonl(path: string, rows: number, seed: number, shift = 0): Promise<void> {
  await writeLines(path, (function* () {
    for (const r of benchRows(rows, seed, shift)) {
      const f = [...r.nums.map((v, j) => `"${numName(j)}":${v}`), ...r.cats.map((v, j) => `"${catName(j)}":"${v}"`)];
      yield `{"timestamp":"${r.timestamp}","request_id":"${r.requestId}","model_version":"v1","features":{${f.join(",")}},"prediction":${r.prediction},"score":${r.score},"latency_ms":${r.latencyMs}}\n`;
    }
  })());
}

const FLAT_COLUMNS = ["timestamp", "request_id", "model_version", ...Array.from({ length: NUMERIC_FEATURES }, (_, j) => numName(j)), ...Array.from({ length: CATEGORICAL_FEATURES }, (_, j) => catName(j)), "prediction", "score", "latency_ms"];

/** The same rows as CSV with a header, features as flat columns. */
export async function writeBenchCsv(path: string, rows: number, seed: number, shift = 0): Promise<void> {
  await writeLines(path, (function* () {
    yield `${FLAT_COLUMNS.join(",")}\n`;
    for (const r of benchRows(rows, seed, shift)) yield `${r.timestamp},${r.requestId},v1,${r.nums.join(",")},${r.cats.join(",")},${r.prediction},${r.score},${r.latencyMs}\n`;
  })());
}

/**
 * The same rows as Parquet (flat columns; timestamp as TIMESTAMP_MILLIS, numbers as DOUBLE) with
 * hyparquet-writer's defaults: snappy, row groups of 1,000 then 100,000 rows (or `rowGroupSize` rows each).
 */
export async function writeBenchParquet(path: string, rows: number, seed: number, shift = 0, rowGroupSize?: number): Promise<void> {
  const ts: Date[] = [];
  const ids: string[] = [];
  const nums = Array.from({ length: NUMERIC_FEATURES }, () => new Float64Array(rows));
  const cats = Array.from({ length: CATEGORICAL_FEATURES }, () => new Array<string>(rows));
  const pred = new Int32Array(rows);
  const score = new Float64Array(rows);
  const latency = new Float64Array(rows);
  let i = 0;
  for (const r of benchRows(rows, seed, shift)) {
    ts.push(new Date(r.timestamp));
    ids.push(r.requestId);
    for (let j = 0; j < NUMERIC_FEATURES; j++) nums[j][i] = Number(r.nums[j]);
    for (let j = 0; j < CATEGORICAL_FEATURES; j++) cats[j][i] = r.cats[j];
    pred[i] = r.prediction;
    score[i] = Number(r.score);
    latency[i] = Number(r.latencyMs);
    i++;
  }
  parquetWriteFile({
    filename: `${path}.tmp`,
    ...(rowGroupSize === undefined ? {} : { rowGroupSize }),
    columnData: [
      { name: "timestamp", data: ts, type: "TIMESTAMP" },
      { name: "request_id", data: ids, type: "STRING" },
      { name: "model_version", data: new Array<string>(rows).fill("v1"), type: "STRING" },
      ...nums.map((data, j) => ({ name: numName(j), data, type: "DOUBLE" as const })),
      ...cats.map((data, j) => ({ name: catName(j), data, type: "STRING" as const })),
      { name: "prediction", data: pred, type: "INT32" },
      { name: "score", data: score, type: "DOUBLE" },
      { name: "latency_ms", data: latency, type: "DOUBLE" },
    ],
  });
  renameSync(`${path}.tmp`, path);
}

/** gzip (level 6, as `gzip` does by default) of a file. */
export async function gzipFile(src: string, dest: string): Promise<void> {
  await pipeline(createReadStream(src), createGzip(), createWriteStream(`${dest}.tmp`));
  renameSync(`${dest}.tmp`, dest);
}
