import { emptyRecord, type LogRecord } from "../../../shared/types.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { Rng } from "./support/random.ts";
const rng = new Rng(7);
const ROWS = 200_000;
const CATS = ["electronics", "books", "garden", "toys", "food", "sports", "music", "auto"];
const POOL = 1000;
const recs: LogRecord[] = [];
for (let i = 0; i < POOL; i++) {
  const r = emptyRecord();
  for (let j = 0; j < 15; j++) r.features[`num_${j}`] = Math.round(rng.normal() * 1e6) / 1e4;
  for (let j = 0; j < 5; j++) r.features[`int_${j}`] = rng.int(100);
  for (let j = 0; j < 5; j++) r.features[`cat_${j}`] = CATS[rng.int(CATS.length)];
  r.prediction = rng.int(2); r.score = rng.uniform(); r.latencyMs = 5 + rng.int(50); r.version = "v1"; r.timestampMs = 1.7e12 + i;
  recs.push(r);
}
const ids = Array.from({ length: ROWS }, (_, i) => `req-${i}`);
function run(label: string, mut: (r: LogRecord, i: number) => void) {
  for (let rep = 0; rep < 3; rep++) {
    const b = new ProfileBuilder();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < ROWS; i++) { const r = recs[i % POOL]; mut(r, i); b.add(r); }
    b.finish();
    const ns = Number(process.hrtime.bigint() - t0) / ROWS;
    if (rep === 2) console.log(label, ns.toFixed(0), "ns/row");
  }
}
run("all, ids", (r, i) => { r.id = ids[i]; });
run("all, no ids", (r) => { r.id = null; });
const feats = recs.map((r) => r.features);
const empty = Object.create(null);
run("no features, ids", (r, i) => { r.id = ids[i]; r.features = empty; });
recs.forEach((r, i) => { r.features = feats[i]; });
// iteration only
for (let rep = 0; rep < 3; rep++) {
  const t0 = process.hrtime.bigint(); let s = 0;
  for (let i = 0; i < ROWS; i++) { const f = recs[i % POOL].features; for (const k in f) { const v = f[k]; if (typeof v === "number") s += v; } }
  const a = Number(process.hrtime.bigint() - t0) / ROWS;
  if (rep === 2) console.log("for-in only", a.toFixed(0), "ns/row", s > 0);
}
