import { emptyRecord, type LogRecord } from "../../../shared/types.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { Rng } from "./support/random.ts";
const rng = new Rng(7);
const ROWS = 200_000;
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
  r.timestampMs = o.timestamp as number; r.id = o.request_id as string; r.version = o.model_version as string;
  r.prediction = o.prediction as number; r.score = o.score as number; r.latencyMs = o.latency_ms as number;
  const f = o.features as Record<string, number | string>;
  for (const k in f) r.features[k] = f[k];
  return r;
}
for (let rep = 0; rep < 3; rep++) {
  let t0 = process.hrtime.bigint();
  let x = 0;
  for (const l of lines) x += (JSON.parse(l) as { rows?: number }).rows ?? 1;
  const parse = Number(process.hrtime.bigint() - t0) / ROWS;
  t0 = process.hrtime.bigint();
  for (const l of lines) x += toRecord(JSON.parse(l)).features ? 1 : 0;
  const rec = Number(process.hrtime.bigint() - t0) / ROWS;
  const b = new ProfileBuilder();
  t0 = process.hrtime.bigint();
  for (const l of lines) b.add(toRecord(JSON.parse(l)));
  b.finish();
  const all = Number(process.hrtime.bigint() - t0) / ROWS;
  console.log(`parse ${parse.toFixed(0)} ns/row, +record ${rec.toFixed(0)}, +add ${all.toFixed(0)} `, x > 0);
}
