// Quick ingest measurement (not a test): node bin/run-ts.mjs test/shared/profile/measure-ingest.ts
// Prints ns per value for one numeric column (exact and sketch paths) and ns per row for
// 1,000,000 records × 25 features through ProfileBuilder.add, with and without JSON.parse.
import { emptyRecord, type LogRecord } from "../../../shared/types.ts";
import { ColumnBuilder } from "../../../shared/profile/column-builder.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { serialiseProfile } from "../../../shared/profile/serialise.ts";
import { Rng } from "./support/random.ts";

function time(label: string, units: number, unit: string, f: () => void): void {
  const t0 = process.hrtime.bigint();
  f();
  const ns = Number(process.hrtime.bigint() - t0);
  console.log(`${label}: ${(ns / units).toFixed(1)} ns/${unit} (${(ns / 1e6).toFixed(0)} ms)`);
}

const N = 10_000_000;
const rng = new Rng(7);
const continuous = new Float64Array(N).map(() => rng.normal());
const discrete = new Float64Array(N).map(() => rng.int(1000));
const opts = { exactDistinctCap: 10_000, categoryCap: 1000, compression: 2000, edges: null, declaredType: null };
for (let round = 0; round < 2; round++) {
  const c1 = new ColumnBuilder(opts);
  time("numeric, continuous (t-digest path)", N, "value", () => { for (let i = 0; i < N; i++) c1.add(continuous[i]); c1.toSummary(); });
  const c2 = new ColumnBuilder(opts);
  time("numeric, 1000 distinct (exact path)", N, "value", () => { for (let i = 0; i < N; i++) c2.add(discrete[i]); c2.toSummary(); });
  const c3 = new ColumnBuilder({ ...opts, edges: Float64Array.from([-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28]) });
  time("numeric, continuous + 10-bin histogram", N, "value", () => { for (let i = 0; i < N; i++) c3.add(continuous[i]); c3.toSummary(); });
}

const ROWS = 1_000_000;
const CATS = ["electronics", "books", "garden", "toys", "food", "sports", "music", "auto"];
const lines: string[] = [];
for (let i = 0; i < ROWS; i++) {
  const f: Record<string, number | string> = {};
  for (let j = 0; j < 15; j++) f[`num_${j}`] = Math.round(rng.normal() * 1e6) / 1e4;
  for (let j = 0; j < 5; j++) f[`int_${j}`] = rng.int(100);
  for (let j = 0; j < 5; j++) f[`cat_${j}`] = CATS[rng.int(CATS.length)];
  lines.push(JSON.stringify({ timestamp: 1.7e12 + i, request_id: `req-${i}`, model_version: "v1", features: f, prediction: rng.int(2), score: rng.uniform(), latency_ms: 5 + rng.int(50) }));
}

function toRecord(o: Record<string, unknown>): LogRecord {
  const r = emptyRecord();
  r.timestampMs = o.timestamp as number;
  r.id = o.request_id as string;
  r.version = o.model_version as string;
  r.prediction = o.prediction as number;
  r.score = o.score as number;
  r.latencyMs = o.latency_ms as number;
  const f = o.features as Record<string, number | string>;
  for (const k in f) r.features[k] = f[k];
  return r;
}

for (let round = 0; round < 2; round++) {
  const records: LogRecord[] = [];
  time("JSON.parse + record", ROWS, "row", () => { for (const l of lines) records.push(toRecord(JSON.parse(l))); });
  const b = new ProfileBuilder();
  time("ProfileBuilder.add, 25 features + id/score/…", ROWS, "row", () => { for (const r of records) b.add(r); });
  time("  … per feature value", ROWS * 25, "value", () => { /* same run, shown per value below */ });
  const b2 = new ProfileBuilder();
  time("end to end: parse + record + add", ROWS, "row", () => { for (const l of lines) b2.add(toRecord(JSON.parse(l))); });
  let text = "";
  time("finish + serialise", 1, "profile", () => { text = serialiseProfile(b2.finish()); });
  console.log(`profile JSON: ${(text.length / 1024).toFixed(0)} KiB`);
}
