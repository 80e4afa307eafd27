import { chartAssets } from "./assets.ts";
import { escapeHtml, jsonForScript } from "./escape.ts";
import { PAGE_ALERTS } from "./page-alerts.ts";
import { PAGE_COMMON } from "./page-common.ts";
import { PAGE_DIST } from "./page-dist.ts";
import { PAGE_DRIFT } from "./page-drift.ts";
import { PAGE_SERIES } from "./page-series.ts";
import { PAGE_CSS } from "./page-style.ts";
import type { DashboardData } from "./types.ts";

/**
 * Nothing may be fetched: scripts and styles are inline, images only data: URLs. A link or
 * resource that slipped into the page would be blocked rather than reach the network.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** The page script: the data and helpers first, then the charts, the start-up calls last. */
export const PAGE_SCRIPT = `(function () {\n"use strict";\n${PAGE_COMMON}${PAGE_SERIES}${PAGE_DRIFT}${PAGE_ALERTS}${PAGE_DIST}})();\n`;

const card = (id: string, title: string, note: string, body = ""): string =>
  `<section class="card"><h2>${title}</h2><p class="muted small">${note}</p>${body}` +
  `<div id="${id}" class="chart" data-chart></div></section>`;

const severityKey = ["P1", "P2", "P3", "P4"]
  .map((s) => `<span class="key"><span class="swatch" style="background:var(--${s.toLowerCase()})"></span>${s}</span>`)
  .join("");

/**
 * One self-contained HTML page drawing `data`: uPlot's script and stylesheet inlined, the data
 * embedded as escaped JSON in `<script type="application/json" id="vigil-data">`, and an inline
 * script that draws volume and freshness, a drift heatmap with a per-feature threshold chart,
 * drifted share, quality shares, performance with label coverage, the alert timeline and log, and
 * reference-vs-current distributions for the window chosen in a `<select>`. The page needs no
 * network (a Content-Security-Policy forbids fetching anything) and sets every string from the
 * data through `textContent`.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync("dashboard.html", renderDashboard(data)); // open it in any browser, offline
 */
export function renderDashboard(data: DashboardData): string {
  const { js, css, version } = chartAssets();
  const model = escapeHtml(data.model);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigil \u2014 ${model}</title>
<style>${css}</style>
<style>${PAGE_CSS}</style>
</head><body>
<header><h1>Vigil <span class="model">\u2014 ${model}</span></h1>
<p id="summary"></p></header>
<main>
${card("chart-volume", "Volume", "Rows per window (left axis); malformed and late rows (right axis).")}
${card("chart-freshness", "Freshness", "Minutes between the newest record and the evaluation.")}
<section class="card wide"><h2>Drift per feature</h2>
<p class="muted small"><span class="key"><span class="gradient"></span>below threshold (score \u00f7 threshold, 0\u20131)</span><span class="key"><span class="gradient hot"></span>drifted</span><span class="key"><span class="swatch" style="background:#eee"></span>no result</span>For p-value methods the score is log p \u00f7 log threshold.</p>
<div id="chart-drift" class="chart" data-chart></div><p id="drift-readout" class="readout"></p>
<div class="controls"><label>Feature <select id="drift-feature"></select></label> score over time against its threshold</div>
<div id="chart-drift-feature" class="chart" data-chart></div></section>
${card("chart-drifted-share", "Drifted share", "Share of features that drifted; red markers where the dataset drifted.")}
${card("chart-quality", "Data quality", "Shares per window.", '<div class="controls"><label>Feature <select id="quality-feature"></select></label></div>')}
${card("chart-performance", "Performance", "Metrics once labels arrive; dashed: label coverage (joined \u00f7 predicted).")}
<section class="card"><h2>Alert timeline</h2><p class="muted small">${severityKey}<span class="key"><span class="dot"></span>fire</span><span class="key"><span class="ring"></span>remind</span><span class="key"><span class="square"></span>resolve</span></p>
<div id="chart-alerts" class="chart" data-chart></div><p id="alerts-readout" class="readout"></p></section>
<section class="card wide"><h2>Alert log</h2><div class="scroll">
<table id="alerts-table"><thead><tr><th>window</th><th>severity</th><th>state</th><th>rule</th><th>feature</th><th>message</th></tr></thead><tbody></tbody></table></div></section>
<section class="card wide"><h2>Distributions</h2>
<div class="controls"><label>Window <select id="window-select"></select></label>
<span class="key"><span class="swatch" style="background:#9aa5b1"></span>reference</span><span class="key"><span class="swatch" style="background:#ff7f0e"></span>current</span></div>
<div id="dists" class="dists"></div></section>
</main>
<footer>Generated ${escapeHtml(data.generatedAt)} by Vigil \u00b7 charts by uPlot ${escapeHtml(version)} (MIT), inlined.</footer>
<script type="application/json" id="vigil-data">${jsonForScript(data)}</script>
<script>${js}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
