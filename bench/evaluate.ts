import { compareProfiles } from "../shared/check/compare.ts";
import { defaultMonitorConfig } from "../shared/config/load.ts";
import { buildReference } from "../shared/reference/build.ts";
import { mergeAll, RecordProfiler, type ProfileWithPerformance } from "../shared/pipeline/profiler.ts";
import { referenceShape } from "../shared/pipeline/profiler.ts";
import { emptyRecord } from "../shared/types.ts";
import { prng } from "./generate.ts";

/**
 * The evaluate path of issue 3/6: 1,000 partial profiles of one window (one per ingested object,
 * 50 features: 40 numerical, 10 categorical) serialised as they are stored, then parsed, merged and
 * compared with a reference. Prints milliseconds per phase (the partials are built before the clock
 * starts) and the CPU milliseconds of the timed part.
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
  const stored = Array.from({ length: partials }, () => JSON.stringify(profile(rowsPerPartial, 1, shape)));
  if (process.env.BENCH_SAVE_PARTIALS) (await import("node:fs")).writeFileSync(process.env.BENCH_SAVE_PARTIALS, JSON.stringify(stored));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = stored.map((s) => {
    const p = JSON.parse(s) as ProfileWithPerformance;
    p.features = Object.assign(Object.create(null), p.features);
    return p;
  });
  const t1 = performance.now();
  const merged = mergeAll(parsed);
  const t2 = performance.now();
  const report = compareProfiles(ref, merged, config);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { partials, features, rows: merged.rows, parseMs: t1 - t0, mergeMs: t2 - t1, compareMs: t3 - t2, totalMs: t3 - t0, cpuMs: (cpu.user + cpu.system) / 1000, drifted: report.dataset.driftedFeatures };
}

// node bin/run-ts.mjs bench/evaluate.ts [partials]: one run, one JSON line.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchEvaluate(Number(process.argv[2] ?? 1_000))));
