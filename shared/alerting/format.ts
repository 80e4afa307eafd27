import type { Alert, CheckReport } from "../check/report.ts";
import type { AlertMessage } from "../ports.ts";
import type { AlertAction } from "./transition.ts";

/** SNS subjects hold at most 100 characters. */
export const MAX_SUBJECT_CHARS = 100;
const TOP_DRIFTED = 5;

/** Links an alert can carry. */
export interface AlertLinks {
  dashboard?: string;
  data?: string;
}

/** Text from logs made safe for a subject or a plain-text line: no control characters. */
export function plain(s: string, max = 200): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const num = (x: number | null | undefined): string => (x === null || x === undefined ? "n/a" : String(Number(x.toPrecision(3))));

/** One line on what changed in a feature: mean moved, new categories, missing share. */
export function whatChanged(r: CheckReport, feature: string): string {
  const f = r.features[feature];
  if (!f) return "";
  const parts: string[] = [];
  const s = f.summary;
  if (f.type === "numerical" && s.reference.mean !== null && s.current.mean !== null) parts.push(`mean ${num(s.reference.mean)} → ${num(s.current.mean)}`);
  if (s.newCategories?.length) parts.push(`new categories ${s.newCategories.slice(0, 3).map((c) => `"${plain(c, 30)}"`).join(", ")}`);
  if (f.type === "categorical" && s.reference.topCategories?.length && s.current.topCategories?.length) {
    const [rk, rv] = s.reference.topCategories[0];
    const [ck, cv] = s.current.topCategories[0];
    parts.push(`top "${plain(rk, 30)}" ${(100 * rv).toFixed(0)}% → "${plain(ck, 30)}" ${(100 * cv).toFixed(0)}%`);
  }
  if (Math.abs(f.quality.missingShare - s.reference.missingShare) >= 0.05) parts.push(`missing ${(100 * s.reference.missingShare).toFixed(0)}% → ${(100 * f.quality.missingShare).toFixed(0)}%`);
  return parts.join("; ");
}

/**
 * The message for one rule's alerts in a window: subject like
 * `[P2] bank: accuracy_drop 0.71 vs 0.85 (window 2008-09-01)`, readable text for email, a JSON
 * body for Lambda/SQS subscribers, and the routing attributes.
 */
export function formatAlert(model: string, windowStartMs: number, action: Exclude<AlertAction, null>, alerts: readonly Alert[], report: CheckReport, links: AlertLinks = {}): AlertMessage {
  const first = alerts[0];
  const window = new Date(windowStartMs).toISOString().slice(0, 10);
  const label = action === "resolve" ? "RESOLVED" : action === "remind" ? `${first.severity} still firing` : first.severity;
  const what = first.feature ? `${first.rule} on ${first.feature}${alerts.length > 1 ? ` +${alerts.length - 1}` : ""}` : first.rule;
  const value = action === "resolve" ? "" : ` ${num(first.value)} vs ${num(first.threshold)}`;
  let subject = plain(`[${label}] ${model}: ${what}${value} (window ${window})`, 1000);
  if (subject.length > MAX_SUBJECT_CHARS) subject = `${subject.slice(0, MAX_SUBJECT_CHARS - 1)}…`;
  const drifted = Object.entries(report.features)
    .filter(([, f]) => f.drift?.drifted)
    .sort((a, b) => (b[1].summary.psi ?? 0) - (a[1].summary.psi ?? 0))
    .slice(0, TOP_DRIFTED)
    .map(([name, f]) => ({
      feature: name,
      method: f.drift!.method,
      score: f.drift!.statistic,
      pValue: f.drift!.pValue,
      threshold: f.drift!.threshold,
      calibrated: f.drift!.calibrated === true,
      changed: whatChanged(report, name),
    }));
  const coverage = report.performance?.labelCoverage ?? null;
  const lines = [
    `${label} — ${model}, window starting ${window}`,
    ...alerts.map((a) => `• ${plain(a.message)}`),
    "",
    drifted.length ? `Top drifted features (${report.dataset.driftedFeatures} of ${report.dataset.features}):` : "No feature drifted.",
    ...drifted.map((d) => `  - ${plain(d.feature, 60)}: ${d.method} ${num(d.pValue ?? d.score)} ${d.pValue !== null ? "p <" : "≥"} ${num(d.threshold)}${d.calibrated ? " (calibrated)" : ""}${d.changed ? `; ${d.changed}` : ""}`),
    `Rows ${report.current.rows}, malformed ${report.current.malformedRows}; label coverage ${coverage === null ? "n/a" : `${(100 * coverage).toFixed(0)}%`}.`,
    ...(first.runbook ? [`Runbook: ${first.runbook}`] : []),
    ...(links.dashboard ? [`Dashboard: ${links.dashboard}`] : []),
    ...(links.data ? [`Data: ${links.data}`] : []),
  ];
  return {
    subject,
    text: lines.join("\n"),
    body: {
      subject,
      text: lines.join("\n"),
      model,
      window: new Date(windowStartMs).toISOString(),
      state: action,
      rule: first.rule,
      severity: first.severity,
      alerts,
      topDrifted: drifted,
      dataset: report.dataset,
      rows: report.current.rows,
      malformedRows: report.current.malformedRows,
      labelCoverage: coverage,
      ...(first.runbook ? { runbook: first.runbook } : {}),
      ...links,
    },
    attributes: { severity: first.severity, model, rule: first.rule },
  };
}
