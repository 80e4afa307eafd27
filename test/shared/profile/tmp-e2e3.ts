import { emptyRecord, type LogRecord } from "../../../shared/types.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { Rng } from "./support/random.ts";
function best(runs: number, f: () => void): number {
  let ns = Infinity;
  for (let r = 0; r < runs; r++) { const t0 = process.cpuUsage(); f(); const t = process.cpuUsage(t0); ns = Math.min(ns, (t.user + t.system) * 1000); }
  return ns;
}
const rng = new Rng(7);
const ROWS = Number(process.argv[3] ?? 500_000);
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
  const src = o.features as Record<string, number | string>;
  for (const k in src) r.features[k] = src[k];
  return r;
}
let sink = 0;
const mode = process.argv[2];
const t = best(3, () => {
  const b = new ProfileBuilder();
  for (const l of lines) {
    const r = toRecord(JSON.parse(l));
    if (mode === "parse") sink += r.score as number;
    else if (mode === "noid") { r.id = null; b.add(r); }
    else b.add(r);
  }
  b.finish();
}) / ROWS;
console.log(mode, ROWS, t.toFixed(0), "ns/row");
