import { evaluateRules } from "../check/alerts.ts";
import { compareProfiles } from "../check/compare.ts";
import { featureDistributions } from "../check/distributions.ts";
import { flattenMetrics } from "../check/metrics.ts";
import type { CheckReport } from "../check/report.ts";
import { parseDurationMs } from "../config/duration.ts";
import type { MonitorConfig } from "../config/schema.ts";
import { DIMENSION, METRIC } from "../names.ts";
import type { Clock, EventSink, JoinStore, MetricDatum, MetricSink, Notifier, ObjectStore, StateStore } from "../ports.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { processAlerts, type AlertLinksFor } from "./alerting.ts";
import { loadModelConfig, loadReference } from "./context.ts";
import { performanceDatums, windowDatums } from "./datums.ts";
import { windowMetricsKey } from "./keys.ts";
import { listWindows, mergeWindow } from "./partials.ts";
import { windowPerformance } from "./performance.ts";

/** Dependencies of the evaluate step. */
export interface EvaluateDeps {
  objects: ObjectStore;
  joins: JoinStore;
  state: StateStore;
  metrics: MetricSink;
  notifier: Notifier;
  events?: EventSink;
  clock: Clock;
  links?: AlertLinksFor;
}

/** What one evaluation of one model did. */
export interface ModelEvaluation {
  model: string;
  evaluatedWindows: number[];
  performanceWindows: number[];
  lateRows: number;
  datums: number;
  notifications: number;
  skippedNoReference: boolean;
}

/** Windows of metric history kept for `anomaly(…)` rules. */
const HISTORY_WINDOWS = 30;

/**
 * Evaluates one model: every closed window not yet evaluated is merged from its partials,
 * compared with the reference, published and run through the alert rules; windows evaluated
 * before publish only their late rows; performance is published once per window when label
 * coverage reaches `minCoverage` or `maxWait` has passed; freshness is published every run.
 * Re-running changes nothing already published (state in the StateStore).
 */
export async function evaluateModel(deps: EvaluateDeps, model: string): Promise<ModelEvaluation> {
  const out: ModelEvaluation = { model, evaluatedWindows: [], performanceWindows: [], lateRows: 0, datums: 0, notifications: 0, skippedNoReference: false };
  const config = await loadModelConfig(deps.objects, model);
  const reference = await loadReference(deps.objects, model);
  const windowMs = parseDurationMs(config.window);
  const latenessMs = parseDurationMs(config.lateness);
  const maxWaitMs = parseDurationMs(config.labels.maxWait);
  const now = deps.clock.nowMs();
  const windows = await listWindows(deps.objects, model);
  const datums: MetricDatum[] = [];
  let newestTimestamp: number | null = null;
  // Metrics go out before the state that says they went out: a failed put is retried next run
  // (at least once), never lost behind a state that claims it was sent.
  const flush = async (): Promise<void> => {
    if (datums.length === 0) return;
    const batch = datums.splice(0);
    await deps.metrics.put(batch);
    out.datums += batch.length;
  };
  const ctx: WindowContext = { deps, config, reference, model, now, windowMs, maxWaitMs, out, datums, flush };
  const starts = [...windows.keys()];
  for (const [w, keys] of windows) {
    const closed = w + windowMs + latenessMs <= now;
    const isNewest = w === starts[starts.length - 1];
    const state = await deps.state.getWindow(model, w);
    const record = state?.evaluatedAtMs ? await readWindowMetrics(deps.objects, model, w) : null;
    const changed = !record || record.partials !== keys.length;
    if (!isNewest && !(closed && changed)) {
      if (closed && state?.evaluatedAtMs && state.performancePublishedAtMs === null) await performanceStep(ctx, w);
      continue;
    }
    const merged = await mergeWindow(deps.objects, keys);
    if (isNewest) newestTimestamp = merged.timestamps.max;
    if (!closed) continue;
    if (!state?.evaluatedAtMs) {
      if (!reference) {
        // Volume only, once: a window that closed before the model had a reference is not compared later.
        out.skippedNoReference = true;
        datums.push(...basicDatums(model, w, merged.rows, merged.malformedRows));
        await flush();
        const basic = { model, windowStartMs: w, evaluatedAtMs: now, evaluatedRows: merged.rows, lateRowsPublished: 0, performancePublishedAtMs: now, version: (state?.version ?? 0) + 1 };
        await deps.state.putWindow(basic, state?.version ?? null);
        continue;
      }
      const history = await metricHistory(deps.objects, model, starts.filter((x) => x < w).slice(-HISTORY_WINDOWS));
      const report = compareProfiles(reference, merged, config, { history });
      datums.push(...windowDatums(report, model, w, config.metrics.perFeature), lateDatum(model, w, 0));
      const atWindow = evaluateRules(report, reference, config, history).filter((o) => !isPerformanceRule(o.rule.when));
      out.notifications += await processAlerts(deps, config, model, w, atWindow, report);
      const distributions = featureDistributions(reference, merged, config);
      await deps.objects.put(windowMetricsKey(model, w), JSON.stringify({ partials: keys.length, rows: merged.rows, metrics: flattenMetrics(report), report, distributions }), "application/json");
      await flush();
      const fresh = { model, windowStartMs: w, evaluatedAtMs: now, evaluatedRows: merged.rows, lateRowsPublished: 0, performancePublishedAtMs: null, version: (state?.version ?? 0) + 1 };
      if (await deps.state.putWindow(fresh, state?.version ?? null)) out.evaluatedWindows.push(w);
    } else if (changed) {
      const late = merged.rows - state.evaluatedRows;
      if (late > state.lateRowsPublished) {
        datums.push(lateDatum(model, w, late));
        out.lateRows += late - state.lateRowsPublished;
        await flush();
        await deps.state.putWindow({ ...state, lateRowsPublished: late, version: state.version + 1 }, state.version);
      }
      if (record) await deps.objects.put(windowMetricsKey(model, w), JSON.stringify({ ...record, partials: keys.length }), "application/json");
    }
    if (reference) await performanceStep(ctx, w);
  }
  if (newestTimestamp !== null) {
    datums.push({ name: METRIC.MinutesSinceLastData, value: Math.max(0, (now - newestTimestamp) / 60_000), timestampMs: now, dimensions: { [DIMENSION.Model]: model } });
  }
  await flush();
  return out;
}

const PERFORMANCE_WORDS = /\b(accuracy|precision|recall|f1|roc_auc|average_precision|log_loss|brier|precision_macro|recall_macro|f1_macro|mae|mse|rmse|mape|r2|label_coverage|accuracy_drop|rmse_increase)\b/;

/** Rules about model quality are decided when performance is published, not at window evaluation. */
export function isPerformanceRule(when: string): boolean {
  return PERFORMANCE_WORDS.test(when);
}

function basicDatums(model: string, w: number, rows: number, malformed: number): MetricDatum[] {
  return [
    { name: METRIC.RowCount, value: rows, timestampMs: w, dimensions: { [DIMENSION.Model]: model }, unit: "Count" },
    { name: METRIC.MalformedRows, value: malformed, timestampMs: w, dimensions: { [DIMENSION.Model]: model }, unit: "Count" },
  ];
}

function lateDatum(model: string, w: number, late: number): MetricDatum {
  return { name: METRIC.LateRows, value: late, timestampMs: w, dimensions: { [DIMENSION.Model]: model }, unit: "Count" };
}

/** What the evaluator keeps per evaluated window under state/<model>/metrics/. */
export interface WindowRecord {
  partials: number;
  rows: number;
  metrics: Record<string, number | null>;
  report: unknown;
  distributions?: Record<string, unknown>;
}

async function readWindowMetrics(objects: ObjectStore, model: string, w: number): Promise<WindowRecord | null> {
  const text = await objects.getText(windowMetricsKey(model, w));
  return text === null ? null : (JSON.parse(text) as WindowRecord);
}

async function metricHistory(objects: ObjectStore, model: string, windows: number[]): Promise<Record<string, number[]>> {
  const history: Record<string, number[]> = Object.create(null);
  for (const w of windows) {
    const rec = await readWindowMetrics(objects, model, w);
    if (!rec) continue;
    for (const [k, v] of Object.entries(rec.metrics)) if (typeof v === "number") (history[k] ??= []).push(v);
  }
  return history;
}

interface WindowContext {
  deps: EvaluateDeps;
  config: MonitorConfig;
  reference: ReferenceProfile | null;
  model: string;
  now: number;
  windowMs: number;
  maxWaitMs: number;
  out: ModelEvaluation;
  datums: MetricDatum[];
  flush(): Promise<void>;
}

/** Publishes a window's performance once: at `minCoverage`, or when `maxWait` has passed. */
async function performanceStep(ctx: WindowContext, w: number): Promise<void> {
  const { deps, config, reference, model, now } = ctx;
  const state = await deps.state.getWindow(model, w);
  if (!state?.evaluatedAtMs || state.performancePublishedAtMs !== null) return;
  const perf = await windowPerformance(deps.joins, model, w, config);
  const deadline = w + ctx.windowMs + ctx.maxWaitMs <= now;
  if (!deadline && (perf.predicted === 0 || perf.coverage < config.labels.minCoverage)) return;
  if (perf.metrics) {
    ctx.datums.push(...performanceDatums({ ...perf.metrics, labelCoverage: perf.coverage }, model, w));
    for (const [segment, m] of Object.entries(perf.segments)) ctx.datums.push(...performanceDatums(m, model, w, segment));
    const report = (await readWindowMetrics(deps.objects, model, w))?.report as CheckReport | undefined;
    if (report && reference) {
      const withPerf: CheckReport = { ...report, performance: { ...perf.metrics, task: config.task, labeledRows: perf.labelled, labelCoverage: perf.coverage } };
      const outcomes = evaluateRules(withPerf, reference, config, {}).filter((o) => isPerformanceRule(o.rule.when));
      ctx.out.notifications += await processAlerts(deps, config, model, w, outcomes, withPerf);
    }
  }
  await ctx.flush();
  if (await deps.state.putWindow({ ...state, performancePublishedAtMs: now, version: state.version + 1 }, state.version)) ctx.out.performanceWindows.push(w);
}

/** The outcome of one scheduled run: per model, its evaluation or the error that stopped it. */
export interface EvaluateRun {
  results: ModelEvaluation[];
  errors: Array<{ model: string; error: unknown }>;
}

/**
 * Evaluates every model that has a monitor config or a reference profile in the bucket. One
 * model's failure does not stop the others; the caller logs the errors (and fails the run).
 */
export async function evaluateAll(deps: EvaluateDeps): Promise<EvaluateRun> {
  const models = new Set<string>();
  for await (const o of deps.objects.list("monitors/")) {
    const m = /^monitors\/([^/]+)\.(ya?ml|json)$/.exec(o.key);
    if (m) models.add(m[1]);
  }
  for await (const o of deps.objects.list("reference/")) {
    const m = /^reference\/([^/]+)\/profile\.json$/.exec(o.key);
    if (m) models.add(m[1]);
  }
  const run: EvaluateRun = { results: [], errors: [] };
  for (const model of [...models].sort()) {
    try {
      run.results.push(await evaluateModel(deps, model));
    } catch (error) {
      run.errors.push({ model, error });
    }
  }
  return run;
}
