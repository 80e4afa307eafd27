// Measures ingest speed in CPU time (not a test): node bin/run-ts.mjs test/shared/profile/measure-ingest.ts
// 1. ns per value of one numeric column: continuous (t-digest path), 1,000 distinct (exact path),
//    continuous with a 10-bin histogram; best of three runs of 5·10^6 values.
// 2. ns per row of 500,000 JSON lines × 25 features (15 continuous, 5 integer, 5 categorical, with
//    id, version, prediction, score, latency): JSON.parse + LogRecord (features in a null-prototype
//    object, as readers build them) with and without ProfileBuilder.add; then add alone on records
//    still in cache, and the bare walk over their features (Object.keys + lookups).
import { emptyRecord, type LogRecord } from "../../../shared/types.ts";
import { ColumnBuilder, type ColumnOptions } from "../../../shared/profile/column-builder.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { Rng } from "./support/random.ts";

// CPU time of this process, not wall time: on a shared machine, waiting for a core is not cost.
function best(runs: number, f: () => void): number {
  let ns = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.cpuUsage();
    f();
    const t = process.cpuUsage(t0);
    ns = Math.min(ns, (t.user + t.system) * 1000);
  }
  return ns;
}

const N = 5_000_000;
const rng = new Rng(7);
const continuous = new Float64Array(N).map(() => rng.normal());
const discrete = new Float64Array(N).map(() => rng.int(1000));
const base: ColumnOptions = { exactDistinctCap: 10_000, categoryCap: 1000, compression: 3000, edges: null, declaredType: null };
const edges = Float64Array.from([-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28]);
const column = (xs: Float64Array, opts = base) => () => {
  const c = new ColumnBuilder(opts);
  for (let i = 0; i < xs.length; i++) c.add(xs[i]);
  c.toSummary();
};
let sink = 0;
const plainLoop = () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += continuous[i];
  sink += s;
};
console.log(`plain summing loop, for calibration: ${(best(3, plainLoop) / N).toFixed(2)} ns/value`);
console.log(`numeric, continuous (t-digest): ${(best(3, column(continuous)) / N).toFixed(1)} ns/value`);
console.log(`numeric, 1,000 distinct (exact): ${(best(3, column(discrete)) / N).toFixed(1)} ns/value`);
console.log(`numeric, continuous + 10 bins: ${(best(3, column(continuous, { ...base, edges })) / N).toFixed(1)} ns/value`);

const ROWS = 500_000;
const CATS = ["electronics", "books", "garden", "toys", "food", "sports", "music", "auto"];
const lines: string[] = [];
for (let i = 0; i < ROWS; i++) {
  const f: Record<string, number | string> = {};
  for (let j = 0; j < 15; j++) f[`num_${j}`] = Math.round(rng.normal() * 1e6) / 1e4;
  for (let j = 0; j < 5; j++) f[`int_${j}`] = rng.int(100);
  for (let j = 0; j < 5; j++) f[`cat_${j}`] = CATS[rng.int(CATS.length)];
  lines.push(JSON.stringify({
    timestamp: 1.7e12 + i, request_id: `req-${i}`, model_version: "v1", features: f,
    prediction: rng.int(2), score: rng.uniform(), latency_ms: 5 + rng.int(50),
  }));
}

function toRecord(o: Record<string, unknown>): LogRecord {
  const r = emptyRecord();
  r.timestampMs = o.timestamp as number;
  r.id = o.request_id as string;
  r.version = o.model_version as string;
  r.prediction = o.prediction as number;
  r.score = o.score as number;
  r.latencyMs = o.latency_ms as number;
  const src = o.features as Record<string, number | string>;
  for (const k in src) r.features[k] = src[k];
  return r;
}

const parse = best(3, () => { for (const l of lines) sink += toRecord(JSON.parse(l)).score as number; }) / ROWS;
const all = best(3, () => {
  const b = new ProfileBuilder();
  for (const l of lines) b.add(toRecord(JSON.parse(l)));
  b.finish();
}) / ROWS;
console.log(`JSON.parse + LogRecord: ${parse.toFixed(0)} ns/row; with ProfileBuilder.add: ${all.toFixed(0)} ns/row ` +
  `→ ${(1e6 / all).toFixed(0)}k rows/s per core; add ≈ ${(all - parse).toFixed(0)} ns/row`);

// A pool of parsed records, reused with fresh ids: the builder's cost on a record still in cache.
const pool = lines.slice(0, 1000).map((l) => toRecord(JSON.parse(l)));
const ids = lines.map((_, i) => `id-${i}`);
const iterate = best(3, () => {
  let s = 0;
  for (let i = 0; i < ROWS; i++) {
    const f = pool[i % 1000].features;
    for (const k of Object.keys(f)) if (typeof f[k] === "number") s += f[k] as number;
  }
  sink += s;
}) / ROWS;
const add = best(3, () => {
  const b = new ProfileBuilder();
  for (let i = 0; i < ROWS; i++) {
    const r = pool[i % 1000];
    r.id = ids[i];
    b.add(r);
  }
  b.finish();
}) / ROWS;
console.log(`ProfileBuilder.add on a record in cache: ${add.toFixed(0)} ns/row = ${(add / 30).toFixed(1)} ns/value ` +
  `(25 features + id, version, prediction, score, latency), of which walking the features: ${iterate.toFixed(0)} ns/row`);
if (sink === 42) console.log("");
