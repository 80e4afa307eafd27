import type { CheckReport, DriftResult } from "../shared/check/report.ts";
import { MAX_FEATURES } from "../shared/profile/constants.ts";
import type { ReadReport } from "./read.ts";

const fmt = (x: number | null | undefined, digits = 4): string => {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e7)) return x.toExponential(2);
  return String(Number(x.toFixed(digits)));
};
const pct = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(1)}%`);

/** Makes text from logs safe for a terminal: no control characters, bounded length. */
export function clean(s: string, max = 40): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n");
}

function driftCells(d: DriftResult | null): string[] {
  if (!d) return ["—", "—", "—", "—"];
  const score = d.pValue === null ? fmt(d.statistic) : `${fmt(d.statistic)} (p=${fmt(d.pValue)})`;
  return [d.method, score, `${fmt(d.threshold)}${d.calibrated ? "*" : ""}`, d.drifted ? "DRIFT" : "no"];
}

/**
 * The readable report of `vigil check`: drift table, dataset and prediction drift, quality
 * findings, performance and alerts.
 */
export function renderTextReport(r: CheckReport, read?: ReadReport): string {
  const lines: string[] = [];
  lines.push(`Vigil check — model ${clean(r.model)}`);
  const span = r.current.start ? `, ${r.current.start.slice(0, 10)} → ${r.current.end?.slice(0, 10)}` : "";
  lines.push(`Reference ${r.reference.rows.toLocaleString("en-US")} rows · current ${r.current.rows.toLocaleString("en-US")} rows (${r.current.malformedRows} malformed)${span}`);
  lines.push("");
  const rows = [["feature", "type", "method", "score", "threshold", "drift"]];
  const names = Object.keys(r.features).sort((a, b) => Number(r.features[b].drift?.drifted ?? false) - Number(r.features[a].drift?.drifted ?? false) || a.localeCompare(b));
  for (const name of names) rows.push([clean(name, 30), r.features[name].type, ...driftCells(r.features[name].drift)]);
  lines.push(table(rows));
  const calibrated = Object.values(r.features).some((f) => f.drift?.calibrated) || r.prediction.drift?.calibrated || r.prediction.score?.drift?.calibrated;
  if (calibrated) lines.push("* calibrated on the reference: mean + 3σ of the statistic over its windows, where that is above the method's default");
  lines.push("");
  lines.push(`Dataset drift: ${r.dataset.driftedFeatures} of ${r.dataset.features} features drifted (${pct(r.dataset.driftedShare)}) → ${r.dataset.drifted ? "DRIFT" : "no"}`);
  if (r.prediction.drift) lines.push(`Prediction drift: ${driftCells(r.prediction.drift).join(" ")}`);
  if (r.prediction.score?.drift) lines.push(`Score drift: ${driftCells(r.prediction.score.drift).join(" ")}`);
  const findings: string[] = [];
  for (const name of names) {
    const q = r.features[name].quality;
    const s = r.features[name].summary;
    const n = clean(name, 30);
    if (q.missingShare > 0 && q.missingShare > s.reference.missingShare + 0.01) findings.push(`${n}: missing ${pct(s.reference.missingShare)} → ${pct(q.missingShare)}`);
    if (q.typeMismatchShare > 0) findings.push(`${n}: ${pct(q.typeMismatchShare)} values of the wrong type`);
    if ((q.outOfRangeShare ?? 0) > 0) findings.push(`${n}: ${pct(q.outOfRangeShare)} outside the reference range`);
    if ((q.newCategoryShare ?? 0) > 0) findings.push(`${n}: ${pct(q.newCategoryShare)} new categories (${(s.newCategories ?? []).slice(0, 3).map((c) => clean(c, 20)).join(", ")})`);
    if ((q.negativeShare ?? 0) > 0) findings.push(`${n}: ${pct(q.negativeShare)} negative values (none in the reference)`);
    if ((q.outlierShare ?? 0) > 0.01) findings.push(`${n}: ${pct(q.outlierShare)} outliers (|z| > 3)`);
  }
  if (r.quality.missingColumns.length) findings.push(`missing columns: ${r.quality.missingColumns.map((c) => clean(c)).join(", ")}`);
  if (r.quality.extraColumns.length) findings.push(`new columns: ${r.quality.extraColumns.map((c) => clean(c)).join(", ")}`);
  if (r.quality.droppedFeatures > 0) findings.push(`${r.quality.droppedFeatures} more features not monitored (a profile keeps at most ${MAX_FEATURES})`);
  if (r.quality.duplicateIds > 0) findings.push(`${r.quality.duplicateIds} duplicate prediction ids`);
  if (r.current.malformedRows > 0) findings.push(`${r.current.malformedRows} malformed rows (${pct(r.quality.malformedShare)})`);
  if (r.quality.latency) findings.push(`latency p50 ${fmt(r.quality.latency.p50, 1)} ms, p95 ${fmt(r.quality.latency.p95, 1)} ms, p99 ${fmt(r.quality.latency.p99, 1)} ms`);
  lines.push("");
  lines.push("Data quality");
  lines.push(...(findings.length ? findings.map((f) => `  ${f}`) : ["  no findings"]));
  for (const m of read?.malformedSample.slice(0, 5) ?? []) lines.push(`  ${clean(m.file, 60)}:${m.line}: ${clean(m.reason, 80)}`);
  if (r.performance) {
    lines.push("");
    lines.push(`Performance (labels on ${pct(r.performance.labelCoverage)} of rows)`);
    const keys = Object.entries(r.performance).filter(([k, v]) => typeof v === "number" && k !== "labelCoverage" && k !== "labeledRows");
    lines.push(`  ${keys.map(([k, v]) => `${k} ${fmt(v as number)}`).join(" · ")}`);
  }
  lines.push("");
  lines.push(r.alerts.length ? `Alerts (${r.alerts.length})` : "Alerts: none");
  for (const a of r.alerts.slice(0, 30)) lines.push(`  [${a.severity}] ${clean(a.message, 120)}`);
  if (r.alerts.length > 30) lines.push(`  … and ${r.alerts.length - 30} more`);
  return lines.join("\n");
}
