import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { compareProfiles } from "../shared/check/compare.ts";
import { defaultMonitorConfig } from "../shared/config/defaults.ts";
import { buildReference } from "../shared/reference/build.ts";
import { serialiseReference } from "../shared/reference/parse.ts";
import { partialKey, referenceProfileKey } from "../shared/pipeline/keys.ts";
import type { StoredPartial } from "../shared/pipeline/ingest.ts";
import { decodePartial, encodePartial } from "../shared/pipeline/partial-codec.ts";
import { RecordProfiler, referenceShape, WindowMerger } from "../shared/pipeline/profiler.ts";
import { emptyRecord } from "../shared/types.ts";
import { prng } from "./generate.ts";

/**
 * The evaluate path of issues 3 and 6: 1,000 partial profiles of one window (one per ingested
 * object, 50 features: 40 numerical, 10 categorical) encoded as ingest stores them, then decoded
 * (parse), merged one at a time as `mergeWindow` does (merge) and compared with a reference; the
 * partials are built before the clock starts. Prints wall milliseconds per phase and in all, CPU
 * milliseconds (`cpuMs` for the timed part, and per phase; V8's helper threads included), and this
 * process's peak RSS (which includes the generator and the stored texts held in memory in place of
 * S3); then `window*`: the same window evaluated as the Lambda does it, by bench/evaluate-window.ts
 * in a fresh process reading the partials from a folder bucket (wall, CPU, and its peak RSS: what
 * the evaluate Lambda's memory must hold; its CPU includes reading the files). Environment:
 * BENCH_SAVE_PARTIALS=<file> writes the stored texts as a JSON array; BENCH_PARTIAL_FORMAT=1
 * stores them in the previous (version 1, plain JSON) format; BENCH_KEEP_BUCKET=1 keeps the folder.
 */
export async function benchEvaluate(partials = 1_000, rowsPerPartial = 200, features = 50): Promise<Record<string, number>> {
  const config = defaultMonitorConfig("bench-eval");
  const rand = prng(42);
  const profile = (n: number, shift: number, shape?: ReturnType<typeof referenceShape>) => {
    const p = new RecordProfiler(config, shape);
    for (let i = 0; i < n; i++) {
      const r = emptyRecord();
      r.timestampMs = Date.UTC(2024, 0, 1) + i;
      r.id = `r${i}`;
      for (let f = 0; f < features; f++) r.features[`f${f}`] = f < features * 0.8 ? shift + rand() * 100 : `c${Math.floor(rand() * 8)}`;
      p.record(r);
    }
    return p.finish();
  };
  const ref = buildReference([profile(20_000, 0)], config);
  const shape = referenceShape(ref);
  const encode = process.env.BENCH_PARTIAL_FORMAT === "1" ? (p: StoredPartial) => JSON.stringify(p) : encodePartial;
  const stored = Array.from({ length: partials }, (_, i) =>
    encode({ source: { key: `predictions/bench-eval/${i}.jsonl`, etag: `e${i}` }, windowStartMs: Date.UTC(2024, 0, 1), profile: profile(rowsPerPartial, 1, shape), joinDuplicates: 0 }));
  if (process.env.BENCH_SAVE_PARTIALS) (await import("node:fs")).writeFileSync(process.env.BENCH_SAVE_PARTIALS, JSON.stringify(stored));
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let [parseMs, parseCpuMs, mergeMs, mergeCpuMs] = [0, 0, 0, 0];
  const t0 = performance.now();
  const c0 = cpu();
  const merger = new WindowMerger();
  for (let i = 0; i < stored.length; i++) {
    const [ta, ca] = [performance.now(), cpu()];
    const partial = decodePartial(stored[i], `state/bench-eval/partials/${i}.json`);
    const [tb, cb] = [performance.now(), cpu()];
    merger.add(partial.profile);
    [parseMs, parseCpuMs] = [parseMs + tb - ta, parseCpuMs + cb - ca];
    [mergeMs, mergeCpuMs] = [mergeMs + performance.now() - tb, mergeCpuMs + cpu() - cb];
  }
  const [ta, ca] = [performance.now(), cpu()];
  const merged = merger.result();
  const t2 = performance.now();
  const c2 = cpu();
  [mergeMs, mergeCpuMs] = [mergeMs + t2 - ta, mergeCpuMs + c2 - ca];
  const report = compareProfiles(ref, merged, config);
  const t3 = performance.now();
  const c3 = cpu();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const window = evaluateWindowInChild(config.model, ref, stored);
  return {
    partials, features, rows: merged.rows, parseMs, mergeMs, compareMs: t3 - t2, totalMs: t3 - t0, cpuMs: c3 - c0,
    parseCpuMs, mergeCpuMs, compareCpuMs: c3 - c2,
    storedKb: stored.reduce((a, s) => a + s.length, 0) / stored.length / 1024,
    maxRssMb, drifted: report.dataset.driftedFeatures,
    windowMs: window.ms, windowCpuMs: window.cpuMs, windowMaxRssMb: window.maxRssMb,
  };
}

/** Writes the reference and the partials to a temporary folder bucket and evaluates them in a child process. */
function evaluateWindowInChild(model: string, ref: ReturnType<typeof buildReference>, stored: readonly string[]): { ms: number; cpuMs: number; maxRssMb: number } {
  const root = mkdtempSync(join(tmpdir(), "vigil-bench-eval-"));
  try {
    const put = (key: string, text: string) => {
      mkdirSync(dirname(join(root, key)), { recursive: true });
      writeFileSync(join(root, key), text);
    };
    put(referenceProfileKey(model), serialiseReference(ref));
    stored.forEach((text, i) => put(partialKey(model, Date.UTC(2024, 0, 1), `p${String(i).padStart(5, "0")}`), text));
    const child = spawnSync(process.execPath, ["bin/run-ts.mjs", "bench/evaluate-window.ts", root, model], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`bench/evaluate-window.ts failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split("\n").pop() as string);
  } finally {
    if (!process.env.BENCH_KEEP_BUCKET) rmSync(root, { recursive: true, force: true });
    else console.error("bucket kept at", root);
  }
}

// node bin/run-ts.mjs bench/evaluate.ts [partials]: one run, one JSON line.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchEvaluate(Number(process.argv[2] ?? 1_000))));
