import { readFileSync, statSync } from "node:fs";
import { readLog } from "../shared/readers/index.ts";
import { RecordProfiler, referenceShape } from "../shared/pipeline/profiler.ts";

import { fileSource } from "../cli/sources.ts";
import type { LogRecord } from "../shared/types.ts";

/**
 * Per-row CPU cost of the hot path on a JSON Lines file (default bench/out/current-250000.jsonl):
 * bare JSON.parse of its lines, readLog into a no-op sink, readLog into the check profiler.
 *   node bin/run-ts.mjs bench/hot.ts [file] [--runs N] [--only parse|read|profile]
 */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && /\.jsonl/.test(a)) ?? "bench/out/current-250000.jsonl";
const runs = Number(args[args.indexOf("--runs") + 1] || 5) || 5;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system); };

function bare(): { rows: number; us: number } {
  const text = readFileSync(file, "utf8");
  const t0 = cpu();
  let n = 0;
  for (let i = 0, j = text.indexOf("\n"); j >= 0; i = j + 1, j = text.indexOf("\n", i)) n += JSON.parse(text.slice(i, j)) ? 1 : 0;
  return { rows: n, us: cpu() - t0 };
}

async function read(): Promise<{ rows: number; us: number }> {
  let n = 0;
  const t0 = cpu();
  const s = await readLog(fileSource(file), {}, { record: (_r: LogRecord) => { n++; }, malformed: () => {} });
  return { rows: s.rows, us: cpu() - t0 };
}

async function view(): Promise<{ rows: number; us: number }> {
  let n = 0;
  let slow = 0;
  let sum = 0;
  const t0 = cpu();
  const s = await readLog(fileSource(file), {}, { record: (_r: LogRecord) => { slow++; }, view: (r) => { n++; sum += r.featureCount; }, malformed: () => {} });
  if (n + slow !== s.rows || sum === 0 || slow > s.rows / 1000) throw new Error(`rows ${n} slow ${slow}`);
  return { rows: s.rows, us: cpu() - t0 };
}

const { loadConfig, loadReference } = await import("../cli/load.ts");
const config = loadConfig(undefined, undefined);
const { reference } = await loadReference(["bench/out/reference-100k.profile.json"], config);
const shape = referenceShape(reference);

async function profile(): Promise<{ rows: number; us: number }> {
  const t0 = cpu();
  const p = new RecordProfiler(config, shape);
  const s = await readLog(fileSource(file), {}, p);
  const prof = p.finish();
  if (prof.rows !== s.rows) throw new Error("rows");
  return { rows: s.rows, us: cpu() - t0 };
}

const cases: Record<string, () => Promise<{ rows: number; us: number }> | { rows: number; us: number }> = { parse: bare, read, view, profile };
console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${runs} runs`);
for (const [name, fn] of Object.entries(cases)) {
  if (only && only !== name) continue;
  const us: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) { const r = await fn(); us.push(r.us / r.rows); rows = r.rows; }
  const m = median(us);
  console.log(`${name.padEnd(8)} rows ${rows}  CPU ${m.toFixed(2)} µs/row (min ${Math.min(...us).toFixed(2)})  ${Math.round(1e6 / m)} rows/s/core  (runs ${us.map((x) => x.toFixed(2)).join(" ")})`);
}
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
