import type { AlertRuleConfig, MonitorConfig } from "../config/schema.ts";
import { FEATURE_METRICS } from "../rules/catalog.ts";
import { evaluateRuleStatus, type RuleEnvironment, type RuleValue } from "../rules/evaluate.ts";
import { parseRule } from "../rules/parser.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { flattenMetrics } from "./metrics.ts";
import type { Alert, CheckReport } from "./report.ts";

const FEATURE = new Set<string>(FEATURE_METRICS);

/** Consecutive windows the default P3 drift rules must hold before they notify. */
export const DRIFT_FIRE_AFTER = 2;

/**
 * The rules used when a monitor defines none (README "Default alert rules"): P1 no data or a
 * majority of malformed rows; P2 performance 10 % worse than baseline, or a feature more than 30 %
 * missing (and 10 points above its reference share); P3 dataset or prediction drift; P4 single
 * feature drift.
 *
 * @example
 * defaultRules(config).map((r) => r.name); // ["no_data", "malformed_rows", "accuracy_drop", …]
 */
export function defaultRules(config: MonitorConfig): AlertRuleConfig[] {
  const perf =
    config.task === "regression"
      ? { name: "rmse_increase", when: "rmse > baseline.rmse * 1.1" }
      : { name: "accuracy_drop", when: "accuracy < baseline.accuracy * 0.9" };
  const rule = (name: string, when: string, severity: AlertRuleConfig["severity"], fireAfter?: number): AlertRuleConfig => ({
    name,
    when,
    severity,
    action: "notify",
    ...(fireAfter ? { fireAfter } : {}),
  });
  return [
    rule("no_data", "row_count == 0", "P1"),
    rule("malformed_rows", "malformed_share > 0.5", "P1"),
    rule(perf.name, perf.when, "P2"),
    rule("missing_values", "missing_share > 0.3 and missing_share > baseline.missing_share + 0.1", "P2"),
    // Drift is a lasting change: P3 needs two windows in a row; a one-window excursion (a storm day,
    // a holiday) still shows as P4 feature drift.
    rule("dataset_drift", `drifted_share >= ${config.drift.datasetShare}`, "P3", DRIFT_FIRE_AFTER),
    rule("prediction_drift", "prediction_drift == 1", "P3", DRIFT_FIRE_AFTER),
    rule("feature_drift", "drifted == 1", "P4"),
  ];
}

/** The rule environment over a report, its reference and earlier windows' metrics. */
export function ruleEnvironment(report: CheckReport, ref: ReferenceProfile, history: Record<string, number[]>): RuleEnvironment {
  const m = flattenMetrics(report);
  m.accuracy_drop = m.accuracy !== null && typeof ref.baseline.accuracy === "number" ? ref.baseline.accuracy - m.accuracy : null;
  m.rmse_increase = m.rmse !== null && typeof ref.baseline.rmse === "number" ? m.rmse - ref.baseline.rmse : null;
  const features = Object.keys(report.features);
  const read = (source: Record<string, number | null>, path: readonly string[]): RuleValue => {
    if (path.length === 1 && FEATURE.has(path[0])) return new Map(features.map((f) => [f, source[`${path[0]}.${f}`] ?? null]));
    return source[path.join(".")] ?? null;
  };
  return {
    metric: (path) => (path[0] === "baseline" ? read(ref.baseline, path.slice(1)) : read(m, path)),
    history: (path, windows) => (history[path.join(".")] ?? []).slice(-windows),
    chunks: (path) => ref.chunks.map((c) => c.metrics[path.join(".")]).filter((v): v is number => typeof v === "number"),
  };
}

/** One rule's outcome: firing (with its alerts), clear, or unknown (its metrics are not known yet). */
export interface RuleOutcome {
  rule: AlertRuleConfig;
  status: "firing" | "clear" | "unknown";
  alerts: Alert[];
}

/** Evaluates the config's rules (or the defaults) and describes each firing. */
export function evaluateAlerts(report: CheckReport, ref: ReferenceProfile, config: MonitorConfig, history: Record<string, number[]>): Alert[] {
  const alerts = evaluateRules(report, ref, config, history).flatMap((o) => o.alerts);
  const order = { P1: 0, P2: 1, P3: 2, P4: 3 };
  return alerts.sort((a, b) => order[a.severity] - order[b.severity] || (b.value ?? 0) - (a.value ?? 0));
}

/** Every rule's outcome, in config order. */
export function evaluateRules(report: CheckReport, ref: ReferenceProfile, config: MonitorConfig, history: Record<string, number[]>): RuleOutcome[] {
  // Too few labels to judge model quality: its rules are unknown (no transition), not clear or firing.
  const labelled = report.performance?.labeledRows;
  const judged = typeof labelled === "number" && labelled < config.labels.minLabelled ? { ...report, performance: undefined } : report;
  const env = ruleEnvironment(judged, ref, history);
  return (config.alerts ?? defaultRules(config)).map((rule) => {
    const { matches, known } = evaluateRuleStatus(parseRule(rule.when), env);
    const alerts: Alert[] = [];
    for (const match of matches) {
      const drift = match.feature ? report.features[match.feature]?.drift : null;
      const isDriftFlag = /^\s*(drifted|prediction_drift)\s*==\s*1\s*$/.test(rule.when);
      const pred = rule.when.includes("prediction_drift") ? report.prediction.drift : null;
      const detail = isDriftFlag ? (drift ?? pred) : null;
      const value = detail ? detail.statistic : match.value;
      const threshold = detail ? detail.threshold : match.threshold;
      const alert: Alert = {
        rule: rule.name,
        severity: rule.severity,
        ...(match.feature ? { feature: match.feature } : {}),
        value,
        threshold,
        message: describe(rule, match.feature, value, threshold, detail?.method),
        ...(rule.runbook ? { runbook: rule.runbook } : {}),
        ...(rule.action === "retrain" ? { action: "retrain" as const } : {}),
      };
      alerts.push(alert);
    }
    // The most changed feature first (PSI on the method's bins compares across methods).
    const psiOf = (a: Alert) => (a.feature ? (report.features[a.feature]?.summary.psi ?? 0) : 0);
    alerts.sort((a, b) => psiOf(b) - psiOf(a));
    return { rule, status: alerts.length > 0 ? "firing" : known ? "clear" : "unknown", alerts };
  });
}

function describe(rule: AlertRuleConfig, feature: string | null, value: number | null, threshold: number | null, method?: string): string {
  const v = fmt(value);
  const t = fmt(threshold);
  if (method) {
    const pvalueMethod = ["ks", "chisquare", "ztest", "cvm", "anderson"].includes(method);
    return `${feature ?? "prediction"} drifted: ${method} ${pvalueMethod ? "statistic" : "score"} ${v}${pvalueMethod ? ` (p-value below ${t})` : ` ≥ ${t}`}`;
  }
  const what = feature ? `${rule.name} on ${feature}` : rule.name;
  return value === null ? `${what}: ${rule.when}` : `${what}: ${v} vs threshold ${t} (${rule.when})`;
}

function fmt(x: number | null): string {
  if (x === null) return "n/a";
  if (x === 0 || (Math.abs(x) >= 0.001 && Math.abs(x) < 1e6)) return String(Number(x.toPrecision(3)));
  return x.toExponential(2);
}
