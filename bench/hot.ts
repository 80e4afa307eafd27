import { readFileSync, statSync } from "node:fs";
import { fileSource } from "../cli/sources.ts";
import { loadConfig, loadReference } from "../cli/load.ts";
import { RecordProfiler, referenceShape } from "../shared/pipeline/profiler.ts";
import { readLog } from "../shared/readers/index.ts";
import { RowScanner } from "../shared/readers/row-scanner.ts";
import { DEFAULT_FIELDS } from "../shared/types.ts";

/**
 * CPU per row of each stage of the per-row path on one JSON Lines file, in this process (for
 * profiling with `node --cpu-prof`; `npm run bench` gives the end-to-end figures):
 *   parse    bare JSON.parse of each line (lines cut from the bytes beforehand)
 *   scan     RowScanner.scan of each line, bytes in memory
 *   view     readLog into a sink taking views (file reading, line splitting, the fast path)
 *   read     readLog into a sink taking records (JSON.parse + LogRecord)
 *   profile  readLog into the `vigil check` profiler, against the reference profile
 *
 *   node bin/run-ts.mjs bench/hot.ts [file.jsonl] [--reference profile.json] [--runs N] [--only stage]
 */
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const file = args.find((a) => !a.startsWith("--") && a.endsWith(".jsonl")) ?? "bench/out/reference-100000.jsonl";
const referencePath = opt("--reference") ?? "bench/out/reference-100000.profile.json";
const runs = Number(opt("--runs") ?? 5);
const only = opt("--only");
const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function lineBounds(bytes: Buffer): Int32Array {
  const cuts: number[] = [];
  for (let p = 0, nl = bytes.indexOf(10); nl >= 0; p = nl + 1, nl = bytes.indexOf(10, p)) cuts.push(p, nl);
  return Int32Array.from(cuts);
}

function parse(): { rows: number; us: number } {
  const bytes = readFileSync(file);
  const cuts = lineBounds(bytes);
  const t0 = cpu();
  let n = 0;
  for (let i = 0; i < cuts.length; i += 2) n += JSON.parse(bytes.toString("utf8", cuts[i], cuts[i + 1])) ? 1 : 0;
  return { rows: n, us: cpu() - t0 };
}

function scan(): { rows: number; us: number } {
  const bytes = readFileSync(file);
  const cuts = lineBounds(bytes);
  const s = new RowScanner(DEFAULT_FIELDS);
  const t0 = cpu();
  let n = 0;
  for (let i = 0; i < cuts.length; i += 2) n += s.scan(bytes, cuts[i], cuts[i + 1]) ? 1 : 0;
  return { rows: n, us: cpu() - t0 };
}

async function view(): Promise<{ rows: number; us: number }> {
  let sum = 0;
  const t0 = cpu();
  const s = await readLog(fileSource(file), {}, { record: () => {}, view: (r) => void (sum += r.featureCount), malformed: () => {} });
  if (sum === 0) throw new Error("no views");
  return { rows: s.rows, us: cpu() - t0 };
}

async function read(): Promise<{ rows: number; us: number }> {
  const t0 = cpu();
  const s = await readLog(fileSource(file), {}, { record: () => {}, malformed: () => {} });
  return { rows: s.rows, us: cpu() - t0 };
}

const config = await loadConfig(undefined, undefined);
const shape = referenceShape((await loadReference([referencePath], config)).reference);
async function profile(): Promise<{ rows: number; us: number }> {
  const t0 = cpu();
  const p = new RecordProfiler(config, shape);
  const s = await readLog(fileSource(file), {}, p);
  if (p.finish().rows !== s.rows) throw new Error("rows");
  return { rows: s.rows, us: cpu() - t0 };
}

const stages: Record<string, () => Promise<{ rows: number; us: number }> | { rows: number; us: number }> = { parse, scan, view, read, profile };
console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${runs} runs (CPU time, all threads)`);
for (const [name, run] of Object.entries(stages)) {
  if (only && only !== name) continue;
  const us: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const r = await run();
    us.push(r.us / r.rows);
    rows = r.rows;
  }
  const median = [...us].sort((a, b) => a - b)[Math.floor(us.length / 2)];
  console.log(`${name.padEnd(8)} ${rows} rows  ${median.toFixed(2)} µs/row (min ${Math.min(...us).toFixed(2)})  ${Math.round(1e6 / median).toLocaleString("en")} rows/s per core`);
}
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
