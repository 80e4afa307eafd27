import type { CheckReport } from "../shared/check/report.ts";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : String(Number(x.toPrecision(4))));

/**
 * A self-contained HTML page of a check report: alerts, the drift table and quality shares.
 * Every name and value from logs is escaped.
 */
export function renderHtmlReport(r: CheckReport): string {
  const rows = Object.entries(r.features)
    .map(([name, f]) => {
      const d = f.drift;
      return `<tr class="${d?.drifted ? "drift" : ""}"><td>${escapeHtml(name)}</td><td>${f.type}</td><td>${d?.method ?? "—"}</td><td>${fmt(d?.statistic)}</td><td>${fmt(d?.pValue)}</td><td>${fmt(d?.threshold)}</td><td>${d?.drifted ? "yes" : "no"}</td><td>${fmt(f.quality.missingShare)}</td><td>${fmt(f.quality.outOfRangeShare)}</td><td>${fmt(f.quality.newCategoryShare)}</td></tr>`;
    })
    .join("\n");
  const alerts = r.alerts.map((a) => `<li><b>${a.severity}</b> ${escapeHtml(a.message)}</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigil check — ${escapeHtml(r.model)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}tr.drift{background:#fde2e2}</style>
</head><body>
<h1>Vigil check — ${escapeHtml(r.model)}</h1>
<p>Reference ${r.reference.rows} rows · current ${r.current.rows} rows (${r.current.malformedRows} malformed) · dataset drift: ${r.dataset.drifted ? "yes" : "no"} (${r.dataset.driftedFeatures}/${r.dataset.features})</p>
<h2>Alerts</h2><ul>${alerts || "<li>none</li>"}</ul>
<h2>Features</h2>
<table><thead><tr><th>feature</th><th>type</th><th>method</th><th>statistic</th><th>p-value</th><th>threshold</th><th>drifted</th><th>missing</th><th>out of range</th><th>new categories</th></tr></thead>
<tbody>${rows}</tbody></table>
</body></html>
`;
}
