import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { bankPredictions, REFERENCE_END_MS, type PredictionLog } from "./logs.ts";

/** The delay with which the demo's ground truth arrives (did the client subscribe?). */
export const LABEL_DELAY_DAYS = 14;
const DAY_MS = 86_400_000;

/** One simulated day of the demo: the objects dropped that day. */
export interface DemoDay {
  dayMs: number;
  /** Keys written that day (predictions of the day, labels of the day 14 days earlier). */
  keys: string[];
}

/** The demo's monitor config: daily windows, labels within 30 days, default alert rules. */
export const DEMO_MONITOR = `# The demo model: a logistic regression scoring bank-marketing calls (UCI, Moro et al. 2014).
model: bank-marketing
task: binary_classification
window: 1d
lateness: 2h
segments: [contact]
labels: {sampleRate: 1.0, ttlDays: 90, minCoverage: 0.8, maxWait: 30d}
`;

/**
 * Lays out the bank-marketing demo as a model's bucket would fill up: the reference data
 * (May–June 2008), then one prediction-log object per day with calls, and each day's labels
 * 14 days later. Returns the days in order so a runner can replay them on a simulated clock.
 */
export function writeDemoBucket(root: string): { days: DemoDay[]; referenceRows: number; rows: number; threshold: number } {
  const { logs, model } = bankPredictions();
  const write = (key: string, text: string) => {
    const path = join(root, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  write("monitors/bank-marketing.yaml", DEMO_MONITOR);
  const reference = logs.filter((l) => Date.parse(l.timestamp) < REFERENCE_END_MS);
  write("reference/bank-marketing/data.jsonl", jsonl(reference));
  const byDay = new Map<number, PredictionLog[]>();
  for (const l of logs) {
    const t = Date.parse(l.timestamp);
    if (t < REFERENCE_END_MS) continue;
    const day = Math.floor(t / DAY_MS) * DAY_MS;
    const list = byDay.get(day) ?? [];
    list.push(l);
    byDay.set(day, list);
  }
  const days = new Map<number, string[]>();
  const at = (d: number) => days.get(d) ?? (days.set(d, []), days.get(d)!);
  for (const [day, rows] of byDay) {
    const ymd = new Date(day).toISOString().slice(0, 10).replace(/-/g, "/");
    const predKey = `predictions/bank-marketing/${ymd}/part-0000.jsonl`;
    write(predKey, jsonl(rows.map(({ label: _label, ...rest }) => rest)));
    at(day).push(predKey);
    const labelDay = day + LABEL_DELAY_DAYS * DAY_MS;
    const labelKey = `labels/bank-marketing/${new Date(labelDay).toISOString().slice(0, 10).replace(/-/g, "/")}/labels-for-${ymd.replace(/\//g, "-")}.jsonl`;
    const labelTs = new Date(labelDay + 12 * 3_600_000).toISOString();
    write(labelKey, jsonl(rows.map((r) => ({ request_id: r.request_id, label: r.label, timestamp: labelTs }))));
    at(labelDay).push(labelKey);
  }
  const ordered = [...days].sort((a, b) => a[0] - b[0]).map(([dayMs, keys]) => ({ dayMs, keys }));
  return { days: ordered, referenceRows: reference.length, rows: logs.length - reference.length, threshold: model.threshold };
}
