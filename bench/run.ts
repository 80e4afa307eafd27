import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliBundle } from "../bin/cli-bundle.mjs";
import { bundleHandler, coldImport, HANDLERS } from "./bundles.ts";
import { agreement, baselineRun, baselineValuesPath, bundleScript, checkRun, evaluateRun, ingestInputs, ingestRun, jsonParseRun, type IngestRun } from "./cases.ts";
import { median, medians } from "./child.ts";
import { figure, fmt, markdownTable, type Figure } from "./figures.ts";
import { FULL, prepareInputs, QUICK, sizeMb } from "./inputs.ts";

/**
 * `npm run bench [-- --quick] [-- --only=ingest,evaluate,check,baseline,bundles]`: every figure of
 * issue #6 as the median of BENCH_RUNS runs (default 3), each run a fresh process, the cases taken
 * in rounds so that a burst of load on a shared machine spreads over all of them. Prints one table
 * (figure, median, target, PASS/FAIL, runs) and writes bench/results.json (`--quick`: smaller
 * inputs, written to bench/out/results.quick.json so the committed figures stay full-size).
 */
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const want = (group: string) => !only || only.includes(group);
/** Runs per figure: BENCH_RUNS, else 3 (1 with --quick, a smoke test). */
const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3))));
/** Cold imports are cheap and noisy: at least five of each (three with --quick). */
const COLD_RUNS = Math.max(RUNS, quick ? 3 : 5);
const OUT = "bench/out";
const sizes = quick ? QUICK : FULL;
const say = (s: string) => process.stderr.write(`${s}\n`);
const started = new Date();
const loadStart = loadavg();

const inputs = await prepareInputs(OUT, sizes);
say(`inputs ready in ${fmt((Date.now() - started.getTime()) / 1000)} s`);
// `vigil` runs from a bundle built on its first run after a source change: build it now, so no
// timed run pays for it.
if ((await cliBundle()) === null) say("warning: the vigil bundle could not be built; vigil check runs through tsx");
const ingestBundle = await bundleScript("bench/ingest.ts", join(OUT, "ingest.mjs"));
const ingestCases = ingestInputs(inputs);
const ingest: Record<string, IngestRun[]> = Object.fromEntries(Object.keys(ingestCases).map((k) => [k, []]));
const jsonParse: Array<{ rows: number; wallMs: number; cpuMs: number }> = [];
const evaluate: Record<string, number>[] = [];
const check: Array<{ wallMs: number; cpuMs: number; peakRssMb: number }> = [];
const baseline: Record<string, number>[] = [];

for (let r = 1; r <= RUNS; r++) {
  say(`— round ${r}/${RUNS} (load ${loadavg()[0].toFixed(2)})`);
  if (want("ingest")) {
    for (const [name, c] of Object.entries(ingestCases)) {
      const run = ingestRun(ingestBundle, c.file, c.args);
      ingest[name].push(run);
      say(`ingest ${name}: ${run.rows} rows, ${fmt(run.wallMs)} ms wall, ${fmt(run.cpuMs)} ms CPU, ${fmt(run.peakRssMb)} MB`);
    }
    const p = jsonParseRun(inputs.jsonl);
    jsonParse.push(p);
    say(`JSON.parse: ${p.rows} lines, ${fmt(p.wallMs)} ms wall, ${fmt(p.cpuMs)} ms CPU`);
  }
  if (want("evaluate")) {
    const e = evaluateRun(sizes.partials);
    evaluate.push(e);
    say(`evaluate: ${fmt(e.totalMs)} ms (parse ${fmt(e.parseMs)}, merge ${fmt(e.mergeMs)}, compare ${fmt(e.compareMs)})`);
  }
  if (want("check")) {
    const { report: _, ...c } = checkRun(inputs);
    check.push(c);
    say(`vigil check: ${fmt(c.wallMs)} ms wall, ${fmt(c.cpuMs)} ms CPU, ${fmt(c.peakRssMb)} MB`);
  }
  if (want("baseline")) {
    const b = baselineRun(inputs, baselineValuesPath(OUT));
    baseline.push(b);
    say(`python baseline: ${fmt(b.wallMs)} ms wall, ${fmt(b.cpuMs)} ms CPU, ${fmt(b.peakRssMb)} MB`);
  }
}

const agree = want("baseline") ? agreement(inputs, baselineValuesPath(OUT)) : null;
const bundles: Record<string, { bytes: number; gzipBytes: number; loadMs: number[]; importMs: number[]; importCpuMs: number[] }> = {};
let bareMs: number[] = [];
if (want("bundles")) {
  say("— bundles");
  const files: Record<string, string> = {};
  for (const h of HANDLERS) {
    const b = await bundleHandler(h, join(OUT, "bundles"));
    files[h] = b.file;
    bundles[h] = { bytes: b.bytes, gzipBytes: b.gzipBytes, loadMs: [], importMs: [], importCpuMs: [] };
  }
  const wall: Record<string, number[]> = Object.fromEntries(HANDLERS.map((h) => [h, []]));
  for (let r = 0; r < COLD_RUNS; r++) {
    bareMs.push(coldImport(null).wallMs);
    for (const h of HANDLERS) {
      const c = coldImport(files[h]);
      wall[h].push(c.wallMs);
      bundles[h].importMs.push(c.importMs);
      bundles[h].importCpuMs.push(c.importCpuMs);
    }
  }
  const bare = median(bareMs);
  for (const h of HANDLERS) bundles[h].loadMs = wall[h].map((w) => w - bare);
}

// ——— figures ———
const figures: Figure[] = [];
const perS = (rows: number, ms: number) => rows / (ms / 1000);
const parseCore = jsonParse.map((p) => perS(p.rows, p.cpuMs));
for (const [name, runs] of Object.entries(ingest)) {
  if (runs.length === 0) continue;
  const target = name === "JSONL" ? { op: ">=" as const, value: 150_000 } : null;
  const label = `ingest ${name}, ${fmt(runs[0].rows)} rows (${sizeMb(ingestCases[name].file)} MB)`;
  figures.push(figure(`ingest.${name}.rowsPerCoreS`, `${label}: rows/s per core (CPU time)`, "rows/s", runs.map((r) => perS(r.rows, r.cpuMs)), target));
  figures.push(figure(`ingest.${name}.rowsPerWallS`, `${label}: rows/s (wall)`, "rows/s", runs.map((r) => perS(r.rows, r.wallMs))));
  // "Peak RSS ≤ 300 MB for any input": every format, one 1M-row Parquet row group included.
  figures.push(figure(`ingest.${name}.peakRssMb`, `${label}: peak RSS`, "MB", runs.map((r) => r.peakRssMb), { op: "<=", value: 300 }));
}
if (jsonParse.length > 0) {
  figures.push(figure("jsonParse.rowsPerCoreS", `bare JSON.parse, same ${fmt(jsonParse[0].rows)} lines: rows/s per core (CPU time)`, "rows/s", parseCore));
  figures.push(figure("jsonParse.rowsPerWallS", "bare JSON.parse: rows/s (wall)", "rows/s", jsonParse.map((p) => perS(p.rows, p.wallMs))));
  const jsonl = ingest.JSONL.map((r) => perS(r.rows, r.cpuMs));
  figures.push(figure("ingest.JSONL.ofJsonParse", "ingest JSONL ÷ bare JSON.parse (per core)", "ratio", jsonl.map((v, k) => v / parseCore[k])));
}
if (evaluate.length > 0) {
  const label = `evaluate: ${fmt(sizes.partials)} partials × 50 features`;
  for (const phase of ["parse", "merge", "compare"]) figures.push(figure(`evaluate.${phase}Ms`, `${label}: ${phase}`, "ms", evaluate.map((e) => e[`${phase}Ms`])));
  figures.push(figure("evaluate.totalMs", `${label}: total`, "ms", evaluate.map((e) => e.totalMs), { op: "<=", value: 2_000 }));
  figures.push(figure("evaluate.cpuMs", `${label}: CPU`, "ms", evaluate.map((e) => e.cpuMs)));
}
const checkLabel = `vigil check ${fmt(sizes.rows)} rows (${sizeMb(inputs.jsonl)} MB) vs ${fmt(sizes.referenceRows)}-row reference`;
if (check.length > 0) {
  figures.push(figure("check.rowsPerS", `${checkLabel}: rows/s (wall, both cores)`, "rows/s", check.map((c) => perS(sizes.rows, c.wallMs)), { op: ">=", value: 250_000 }));
  figures.push(figure("check.wallMs", `${checkLabel}: wall`, "ms", check.map((c) => c.wallMs)));
  figures.push(figure("check.cpuMs", `${checkLabel}: CPU`, "ms", check.map((c) => c.cpuMs)));
  figures.push(figure("check.rowsPerCpuS", `${checkLabel}: rows per CPU-second`, "rows/s", check.map((c) => perS(sizes.rows, c.cpuMs))));
  figures.push(figure("check.peakRssMb", `${checkLabel}: peak RSS`, "MB", check.map((c) => c.peakRssMb), { op: "<=", value: 300 }));
}
if (baseline.length > 0) {
  figures.push(figure("baseline.wallMs", "Python baseline (json + numpy + scipy), same job: wall", "ms", baseline.map((b) => b.wallMs)));
  figures.push(figure("baseline.cpuMs", "Python baseline: CPU", "ms", baseline.map((b) => b.cpuMs)));
  figures.push(figure("baseline.peakRssMb", "Python baseline: peak RSS", "MB", baseline.map((b) => b.peakRssMb)));
  if (check.length > 0) figures.push(figure("check.speedupOverBaseline", "Vigil check speed-up over the baseline (wall, run by run)", "×", baseline.map((b, k) => b.wallMs / check[k].wallMs), { op: ">=", value: 5 }));
  if (check.length > 0) figures.push(figure("check.cpuSpeedupOverBaseline", "Vigil check speed-up over the baseline (CPU time)", "×", baseline.map((b, k) => b.cpuMs / check[k].cpuMs)));
}
if (agree) {
  figures.push(figure("agreement.psi", "PSI, Vigil vs baseline: max abs difference (10 features)", "diff", [agree.psiMaxAbsDiff as number]));
  figures.push(figure("agreement.ks", "KS D, Vigil vs baseline: max abs difference (10 features)", "diff", [agree.ksMaxAbsDiff as number], { op: "<=", value: 0.005 }));
  figures.push(figure("agreement.chi2", "χ², Vigil vs baseline: max relative difference (5 features)", "diff", [agree.chi2MaxRelDiff as number]));
}
for (const [h, b] of Object.entries(bundles)) {
  figures.push(figure(`bundle.${h}.bytes`, `Lambda bundle ${h}: minified ESM, SDK bundled (gzip ${fmt(b.gzipBytes / 1e6)} MB)`, "MB", [b.bytes / 1e6], { op: "<=", value: 1.5 }));
  figures.push(figure(`bundle.${h}.loadMs`, `Lambda bundle ${h}: module load, fresh node − bare node (wall)`, "ms", b.loadMs, { op: "<=", value: 300 }));
  figures.push(figure(`bundle.${h}.importCpuMs`, `Lambda bundle ${h}: module load, CPU of the import`, "ms", b.importCpuMs));
}
if (bareMs.length > 0) figures.push(figure("bundle.bareNodeMs", "bare node start (subtracted above)", "ms", bareMs));

const table = markdownTable(figures);
console.log(`\n${table}\n`);
const failed = figures.filter((f) => f.pass === false).length;
console.log(`${figures.filter((f) => f.pass === true).length} targets met, ${failed} not; ${RUNS} run(s) each${quick ? " (--quick: small inputs, figures not comparable with the targets)" : ""}; load average ${loadStart.map((l) => l.toFixed(2)).join(" ")} → ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);

const git = (args: string[]) => {
  try {
    return execFileSync("git", args, { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
};
const results = {
  date: started.toISOString(),
  mode: quick ? "quick" : "full",
  runs: RUNS,
  sizes,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    python: baseline[0] ? Object.fromEntries(["python", "numpy", "scipy"].map((k) => [k, (baseline[0] as Record<string, unknown>)[k]])) : null,
    loadAverageStart: loadStart,
    loadAverageEnd: loadavg(),
    commit: git(["rev-parse", "HEAD"]),
    dirty: (git(["status", "--porcelain", "--untracked-files=no"]) ?? "") !== "",
  },
  figures,
  cases: {
    ingest: Object.fromEntries(Object.entries(ingest).map(([k, runs]) => [k, { file: ingestCases[k].file, median: medians(runs), runs }])),
    jsonParse: { median: medians(jsonParse), runs: jsonParse },
    evaluate: { median: medians(evaluate), runs: evaluate },
    check: { median: medians(check), runs: check },
    baseline: { median: medians(baseline), runs: baseline },
    agreement: agree,
    bundles: { bareNodeMs: bareMs, handlers: bundles },
  },
};
mkdirSync(OUT, { recursive: true });
const file = quick ? join(OUT, "results.quick.json") : "bench/results.json";
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(OUT, quick ? "results.quick.md" : "results.md"), `${table}\n`);
say(`wrote ${file}`);
