import { normaliseContext, toLogRecord } from "../../../shared/readers/normalise.ts";
import { DEFAULT_FIELDS } from "../../../shared/types.ts";
const N = 100000;
const CATEGORIES = ["electronics", "books", "garden", "toys", "food"];
function line(i: number): string {
  const features: Record<string, number | string> = {};
  for (let f = 0; f < 20; f++) features[`num_${f}`] = Math.round(((i * 7919 + f * 104729) % 100_000) / 7) / 10;
  for (let f = 0; f < 5; f++) features[`cat_${f}`] = CATEGORIES[(i + f) % CATEGORIES.length];
  return JSON.stringify({ timestamp: new Date(Date.UTC(2024, 0, 15) + i * 1000).toISOString(), request_id: `req-${i}`, model_version: "v1.2.3", features, prediction: i % 2, score: (i % 100) / 100, latency_ms: 10 });
}
const lines = Array.from({ length: N }, (_, i) => line(i));
const ctx = normaliseContext(DEFAULT_FIELDS);
const Base = Object.create(null);
function F(this: any) {}
F.prototype = Base;
const variants: Record<string, () => void> = {
  parse: () => { for (const l of lines) JSON.parse(l); },
  parseRecord: () => { for (const l of lines) toLogRecord(JSON.parse(l), "json", ctx); },
  parseCopyNull: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; const out = Object.create(null); for (const k in f) out[k] = f[k]; } },
  parseCopyPlain: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; const out: any = {}; for (const k in f) out[k] = f[k]; } },
  parseAdopt: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; Object.setPrototypeOf(f, null); for (const k in f) { const v = f[k]; if (typeof v === "string" && v.length <= 4) f[k] = null; } } },
  parseAdoptNoLoop: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; Object.setPrototypeOf(f, null); } },
  parseCopyNullKeys: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; const out = Object.create(null); const ks = Object.keys(f); for (let i = 0; i < ks.length; i++) out[ks[i]] = f[ks[i]]; } },
  parseFromEntries: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; const out = Object.setPrototypeOf(Object.assign({}, f), null); } },
  parseClassCopy: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; const out = new (F as any)(); for (const k in f) out[k] = f[k]; } },
  parseForIn: () => { for (const l of lines) { const o = JSON.parse(l); const f = o.features; let n = 0; for (const k in f) if (typeof f[k] === "string") n++; } },
};
const best: Record<string, number> = {};
for (let r = 0; r < 7; r++) for (const [k, f] of Object.entries(variants)) { const t0 = performance.now(); f(); const t = performance.now() - t0; best[k] = Math.min(best[k] ?? 1e9, t); }
for (const [k, v] of Object.entries(best)) console.log(k.padEnd(16), (v / N * 1000).toFixed(2), "µs/row");
