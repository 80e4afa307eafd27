import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeBenchJsonl } from "./generate.ts";

/**
 * `npm run bench`: end-to-end `vigil check` on generated 25-feature JSON Lines (1,000,000 rows
 * against a 100,000-row reference, plus smaller inputs to show memory is flat in file size), and
 * the bare JSON.parse rate of the same lines. Figures are medians of several runs.
 */
const OUT = "bench/out";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
mkdirSync(OUT, { recursive: true });

async function ensure(path: string, rows: number, seed: number, shift: number): Promise<void> {
  if (existsSync(path)) return;
  process.stderr.write(`generating ${path} (${rows} rows)…\n`);
  await writeBenchJsonl(path, rows, seed, shift);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(args: string[]): { ms: number; maxRssMb: number; code: number } {
  const r = spawnSync(process.execPath, ["bench/measure.mjs", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`vigil ${args.join(" ")} failed: ${r.stderr}`);
  }
}

function jsonParseRate(path: string, limit: number): number {
  const text = readFileSync(path, "utf8");
  const lines: string[] = [];
  for (let i = 0, j = text.indexOf("\n"); j >= 0 && lines.length < limit; i = j + 1, j = text.indexOf("\n", i)) lines.push(text.slice(i, j));
  const t0 = performance.now();
  let n = 0;
  for (const l of lines) n += JSON.parse(l) ? 1 : 0;
  return n / ((performance.now() - t0) / 1000);
}

const ref = join(OUT, "reference-100k.jsonl");
await ensure(ref, 100_000, 1, 0);
const sizes = [250_000, 500_000, 1_000_000];
for (const n of sizes) await ensure(join(OUT, `current-${n}.jsonl`), n, 2, 0.05);

const refProfile = join(OUT, "reference-100k.profile.json");
const prof = measure(["profile", ref, "--model", "bench", "--out", refProfile]);
const rows: Array<Record<string, string | number>> = [];
rows.push({ case: "vigil profile 100k rows", rows: 100_000, "rows/s": Math.round(100_000 / (prof.ms / 1000)), "peak RSS MB": Math.round(prof.maxRssMb), seconds: +(prof.ms / 1000).toFixed(2) });
for (const n of sizes) {
  const cur = join(OUT, `current-${n}.jsonl`);
  const runs = Array.from({ length: RUNS }, () => measure(["check", "--reference", refProfile, "--current", cur, "--json"]));
  const ms = median(runs.map((r) => r.ms));
  rows.push({
    case: `vigil check ${n.toLocaleString("en-US")} rows (${Math.round(statSync(cur).size / 1e6)} MB)`,
    rows: n,
    "rows/s": Math.round(n / (ms / 1000)),
    "peak RSS MB": Math.round(median(runs.map((r) => r.maxRssMb))),
    seconds: +(ms / 1000).toFixed(2),
  });
}
const parseRate = jsonParseRate(join(OUT, "current-250000.jsonl"), 200_000);
rows.push({ case: "bare JSON.parse, one core (the limit)", rows: 200_000, "rows/s": Math.round(parseRate), "peak RSS MB": 0, seconds: 0 });
console.table(rows);
writeFileSync(join(OUT, "results.json"), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, rows }, null, 2));
