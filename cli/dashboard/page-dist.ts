/**
 * Browser source (see `PAGE_COMMON`) of the distribution panel: a `<select>` of the windows that
 * have distributions (the newest chosen first) and, for the chosen window, one bar chart per
 * feature with the reference and current shares side by side over the same bins. Changing the
 * window redraws every bar chart. Also the summary line and the start-up call of all charts.
 *
 * @example
 * // inside the page: drawDistributionPanel(); // then choosing a window calls drawDistributions(key)
 */
export const PAGE_DIST = String.raw`
var REF_COLOR = "#9aa5b1", CUR_COLOR = "#ff7f0e";

function drawDistributionPanel() {
  var select = byId("window-select");
  var keys = Object.keys(D.distributions).sort(function (a, b) { return Date.parse(a) - Date.parse(b); });
  if (!keys.length) {
    select.hidden = true;
    byId("dists").appendChild(el("p", "empty", "No distributions recorded."));
    return;
  }
  keys.forEach(function (k) {
    var w = W.filter(function (w) { return w.start === k; })[0];
    var text = dateOf(k) + (w && w.datasetDrift ? " \u2014 dataset drift" : "");
    select.appendChild(el("option", null, text)).value = k;
  });
  select.value = keys[keys.length - 1];
  select.addEventListener("change", function () { drawDistributions(select.value); });
  drawDistributions(select.value);
}

function shortLabel(s) { s = String(s); return s.length > 14 ? s.slice(0, 13) + "\u2026" : s; }

function drawDistributions(key) {
  var host = byId("dists"), per = D.distributions[key] || {};
  var w = W.filter(function (w) { return w.start === key; })[0];
  unmount(host);
  host.textContent = "";
  Object.keys(per).forEach(function (name) {
    var d = per[name], drift = w && w.drift[name];
    var card = host.appendChild(el("div", "card dist" + (drift && drift.drifted ? " drifted" : "")));
    var title = card.appendChild(el("h3", null, name));
    title.appendChild(el("span", "muted", " " + d.type));
    card.appendChild(el("p", "muted small", drift ? describe(drift) : "no drift result"));
    var box = card.appendChild(el("div", "chart"));
    var n = d.labels.length, top = Math.max.apply(null, d.reference.concat(d.current, [0.01]));
    var idx = d.labels.map(function (l, i) { return i; });
    var rotate = n > 5 || d.labels.some(function (l) { return String(l).length > 6; });
    var share = function (u, v) { return pct(v); };
    mount(box, { height: rotate ? 240 : 200,
      series: [{ label: "bin", value: function (u, v) { return v == null ? "\u2014" : d.labels[v]; } },
        { label: "reference", scale: "share", fill: REF_COLOR, stroke: REF_COLOR, value: share,
          paths: uPlot.paths.bars({ size: [0.42, 48], align: -1 }), points: { show: false } },
        { label: "current", scale: "share", fill: CUR_COLOR, stroke: CUR_COLOR, value: share,
          paths: uPlot.paths.bars({ size: [0.42, 48], align: 1 }), points: { show: false } }],
      scales: { x: { time: false, range: [-0.6, n - 0.4] }, share: { range: [0, top * 1.15] } },
      axes: [{ space: 14, incrs: [1, 2, 5, 10, 20, 50], rotate: rotate ? -40 : 0, size: rotate ? 78 : 40, grid: { show: false },
          values: function (u, splits) { return splits.map(function (v) { return v in d.labels ? shortLabel(d.labels[v]) : ""; }); } },
        { scale: "share", size: 52, values: function (u, splits) { return splits.map(function (v) { return pct(v); }); } }],
    }, [idx, d.reference, d.current]);
  });
}

function drawSummary() {
  var out = byId("summary"), last = W[W.length - 1];
  if (!last) { out.textContent = "No windows evaluated yet."; return; }
  var feats = Object.keys(last.drift).length;
  var drifted = Object.keys(last.drift).filter(function (f) { return last.drift[f].drifted; }).length;
  var firing = D.alerts.filter(function (a) { return a.at === last.start && a.state !== "resolve"; }).length;
  out.textContent = W.length + " windows, " + dateOf(W[0].start) + " to " + dateOf(last.start) +
    ". Latest: " + last.rows + " rows, " + drifted + " of " + feats + " features drifted" +
    (last.datasetDrift ? " (dataset drift)" : "") + ", " + firing + " alerts firing or reminded.";
}

drawSummary();
drawVolume();
drawFreshness();
drawDrift();
drawDriftedShare();
drawQuality();
drawPerformance();
drawAlerts();
drawDistributionPanel();
`;
