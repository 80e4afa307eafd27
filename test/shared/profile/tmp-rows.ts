import { emptyRecord, type LogRecord } from "../../../shared/types.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { Rng } from "./support/random.ts";
const rng = new Rng(7);
const ROWS = 300_000;
const CATS = ["electronics", "books", "garden", "toys", "food", "sports", "music", "auto"];
const recs: LogRecord[] = [];
for (let i = 0; i < ROWS; i++) {
  const r = emptyRecord();
  for (let j = 0; j < 15; j++) r.features[`num_${j}`] = Math.round(rng.normal() * 1e6) / 1e4;
  for (let j = 0; j < 5; j++) r.features[`int_${j}`] = rng.int(100);
  for (let j = 0; j < 5; j++) r.features[`cat_${j}`] = CATS[rng.int(CATS.length)];
  r.timestampMs = 1.7e12 + i; r.id = `req-${i}`; r.version = "v1"; r.prediction = rng.int(2); r.score = rng.uniform(); r.latencyMs = 5 + rng.int(50);
  recs.push(r);
}
const mode = process.argv[2] ?? "all";
for (let rep = 0; rep < 3; rep++) {
  const t0 = process.cpuUsage();
  const b = new ProfileBuilder();
  if (mode === "all") for (const r of recs) b.add(r);
  else if (mode === "iter") { let s = 0; for (const r of recs) { const f = r.features; for (const k in f) { const v = f[k]; if (typeof v === "number") s += v; } } if (s === 1) console.log(s); }
  b.finish();
  const t = process.cpuUsage(t0);
  console.log(mode, ((t.user + t.system) * 1000 / ROWS).toFixed(0), "ns/row");
}
