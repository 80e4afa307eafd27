import { normaliseContext, toLogRecord, own } from "../../../shared/readers/normalise.ts";
import { parseTimestamp } from "../../../shared/readers/timestamp.ts";
import { textValue, jsonValue, numberValue } from "../../../shared/readers/values.ts";
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
const parsed = lines.map((l) => JSON.parse(l));
const ctx = normaliseContext(DEFAULT_FIELDS);
const variants: Record<string, () => void> = {
  parse: () => { for (const l of lines) JSON.parse(l); },
  parseRecord: () => { for (const l of lines) toLogRecord(JSON.parse(l), "json", ctx); },
  parseSetProto: () => { for (const l of lines) Object.setPrototypeOf(JSON.parse(l).features, null); },
  ts: () => { for (const o of parsed) parseTimestamp(o.timestamp); },
  owns: () => { for (const o of parsed) { own(o, "timestamp"); own(o, "request_id"); own(o, "model_version"); own(o, "prediction"); own(o, "score"); own(o, "probabilities"); own(o, "label"); own(o, "latency_ms"); own(o, "features"); } },
  vals: () => { for (const o of parsed) { textValue(o.request_id, ctx); textValue(o.model_version, ctx); jsonValue(o.prediction, ctx); numberValue(o.score, "score", ctx); numberValue(o.latency_ms, "l", ctx); } },
};
const best: Record<string, number> = {};
for (let r = 0; r < 7; r++) for (const [k, f] of Object.entries(variants)) { const t0 = performance.now(); f(); const t = performance.now() - t0; best[k] = Math.min(best[k] ?? 1e9, t); }
for (const [k, v] of Object.entries(best)) console.log(k.padEnd(16), (v / N * 1000).toFixed(3), "µs/row");
