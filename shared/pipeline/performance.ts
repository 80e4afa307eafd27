import type { MonitorConfig } from "../config/schema.ts";
import { addObservation, computeMetrics, newAccumulator, type MetricsAccumulator } from "../metrics/accumulator.ts";
import type { JoinStore } from "../ports.ts";

/** A window's model quality from the label join. */
export interface WindowPerformance {
  /** Stored (sampled) predictions of the window. */
  predicted: number;
  /** Of them, labelled. */
  labelled: number;
  coverage: number;
  /** DESIGN §7 performance keys, null when nothing is labelled. */
  metrics: Record<string, unknown> | null;
  /** `column=value` → metrics of that segment. */
  segments: Record<string, Record<string, unknown>>;
  /** Label delay percentiles in ms. */
  delayMs: { p50: number; p90: number; p99: number } | null;
}

/** Segment values kept per segment column (the most frequent). */
const MAX_SEGMENT_VALUES = 20;

/**
 * Reads a window's joined predictions and computes its performance, per segment value too.
 *
 * @example
 * (await windowPerformance(joins, "bank", start, config)).coverage; // 0.85
 */
export async function windowPerformance(joins: JoinStore, model: string, windowStartMs: number, config: MonitorConfig): Promise<WindowPerformance> {
  const options = { positiveLabel: config.positiveLabel };
  const acc = newAccumulator(config.task, options);
  const bySegment = new Map<string, { acc: MetricsAccumulator; n: number }>();
  const delays: number[] = [];
  let predicted = 0;
  let labelled = 0;
  for await (const p of joins.windowPredictions(model, windowStartMs)) {
    predicted++;
    if (p.label === null) continue;
    const obs = { prediction: p.prediction, score: p.score, label: p.label };
    if (!addObservation(acc, obs)) continue;
    labelled++;
    if (p.labelDelayMs !== null) delays.push(p.labelDelayMs);
    for (const [col, value] of Object.entries(p.segments)) {
      const key = `${col}=${value}`;
      let s = bySegment.get(key);
      if (!s) bySegment.set(key, (s = { acc: newAccumulator(config.task, options), n: 0 }));
      addObservation(s.acc, obs);
      s.n++;
    }
  }
  const strip = (m: object): Record<string, unknown> => {
    const { count: _c, task: _t, ...rest } = m as Record<string, unknown>;
    return rest;
  };
  const segments: Record<string, Record<string, unknown>> = Object.create(null);
  [...bySegment].sort((a, b) => b[1].n - a[1].n).slice(0, MAX_SEGMENT_VALUES * Math.max(1, config.segments.length))
    .forEach(([k, s]) => (segments[k] = strip(computeMetrics(s.acc))));
  delays.sort((a, b) => a - b);
  const pick = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))];
  return {
    predicted,
    labelled,
    coverage: predicted > 0 ? labelled / predicted : 0,
    metrics: labelled > 0 ? strip(computeMetrics(acc)) : null,
    segments,
    delayMs: delays.length ? { p50: pick(0.5), p90: pick(0.9), p99: pick(0.99) } : null,
  };
}
