/**
 * Browser source (see `PAGE_COMMON`) of the drift charts: a heatmap of features × windows whose
 * cells are coloured by the score relative to each feature's threshold (red once drifted), with a
 * hover read-out, and a line chart of one chosen feature's score against its threshold. Distance
 * methods compare the statistic (`≥ threshold`); p-value methods compare the p-value
 * (`< threshold`, drawn on a log axis). Clicking a heatmap row chooses that feature.
 *
 * @example
 * // inside the page: drawDrift();
 */
export const PAGE_DRIFT = String.raw`
var FEATS = unionKeys(W.map(function (w) { return w.drift; }));
var P_FLOOR = 1e-12;

function exceedance(d) {
  var fallback = d.drifted ? 2 : 0;
  if (d.pValue != null) {
    if (!(d.threshold > 0 && d.threshold < 1)) return fallback;
    return Math.log(Math.max(d.pValue, P_FLOOR)) / Math.log(d.threshold);
  }
  if (d.statistic == null || !(d.threshold > 0)) return fallback;
  return d.statistic / d.threshold;
}
function cellColor(d) {
  if (!d) return "#eeeeee";
  var e = exceedance(d);
  if (d.drifted) return "rgba(214,39,40," + (0.45 + 0.55 * Math.max(0, Math.min(1, (e - 1) / 2))).toFixed(3) + ")";
  return "rgba(31,119,180," + (0.06 + 0.5 * Math.max(0, Math.min(1, e))).toFixed(3) + ")";
}
function describe(d) {
  if (!d) return "no drift result";
  var rule = d.pValue != null ? ", p = " + fmt(d.pValue) + " (drift when p < " + fmt(d.threshold) + ")"
    : " (drift when \u2265 " + fmt(d.threshold) + ")";
  return d.method + " statistic " + fmt(d.statistic) + rule + (d.drifted ? " \u2014 drifted" : " \u2014 no drift");
}

function drawDrift() {
  var box = byId("chart-drift"), out = byId("drift-readout"), select = byId("drift-feature");
  if (!W.length || !FEATS.length) { select.hidden = true; empty(byId("chart-drift-feature"), ""); return empty(box, "No drift results yet."); }
  var F = FEATS.length, edges = cellEdges(X), hint = "Hover a cell for its score; click a row to plot that feature.";
  var rowOf = function (u, top) { return F - 1 - Math.round(u.posToVal(top, "feat")); };
  var longest = FEATS.reduce(function (m, f) { return Math.max(m, Math.min(f.length, 24)); }, 4);
  out.textContent = hint;
  var u = mount(box, { height: F * 22 + 50, legend: { show: false },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    series: [{}, { scale: "feat", paths: noPaths, points: { show: false } }],
    scales: { x: { time: true, range: [edges[0], edges[edges.length - 1]] },
      feat: { auto: false, range: [-0.5, F - 0.5] } },
    axes: [{}, { scale: "feat", space: 10, incrs: [1], size: longest * 7 + 24, grid: { show: false },
      ticks: { show: false }, values: function (u, splits) {
        return splits.map(function (v) { var f = FEATS[F - 1 - v] || ""; return f.length > 24 ? f.slice(0, 23) + "\u2026" : f; });
      } }],
    hooks: {
      draw: [function (u) {
        var ctx = u.ctx;
        W.forEach(function (w, i) {
          var x0 = u.valToPos(edges[i], "x", true), x1 = u.valToPos(edges[i + 1], "x", true);
          FEATS.forEach(function (f, j) {
            var y0 = u.valToPos(F - 1 - j + 0.5, "feat", true), y1 = u.valToPos(F - 1 - j - 0.5, "feat", true);
            ctx.fillStyle = cellColor(w.drift[f]);
            ctx.fillRect(x0 + 1, y0 + 1, Math.max(1, x1 - x0 - 2), Math.max(1, y1 - y0 - 2));
          });
        });
      }],
      setCursor: [function (u) {
        var left = u.cursor.left, top = u.cursor.top;
        if (left == null || left < 0 || top == null || top < 0) { out.textContent = hint; return; }
        var t = u.posToVal(left, "x"), j = rowOf(u, top), i = 0;
        while (i < W.length - 1 && t >= edges[i + 1]) i++;
        if (j < 0 || j >= F) { out.textContent = hint; return; }
        out.textContent = FEATS[j] + " \u00b7 " + dateOf(W[i].start) + " \u00b7 " + describe(W[i].drift[FEATS[j]]);
      }],
    },
  }, [X, X.map(function () { return null; })]);
  FEATS.forEach(function (f) { select.appendChild(el("option", null, f)).value = f; });
  var ranked = FEATS.slice().sort(function (a, b) { return driftCount(b) - driftCount(a); });
  select.value = ranked[0];
  select.addEventListener("change", function () { drawDriftFeature(select.value); });
  u.over.addEventListener("click", function () {
    var j = rowOf(u, u.cursor.top);
    if (j >= 0 && j < F) { select.value = FEATS[j]; drawDriftFeature(FEATS[j]); }
  });
  drawDriftFeature(select.value);
}
function isDecade(v) { return Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9; }
function decadesOnly(u, splits) { return splits.map(function (v) { return isDecade(v) ? v : null; }); }
function decadeLabels(u, splits) {
  return splits.map(function (v) { return v == null ? "" : v >= 0.001 ? String(v) : "1e" + Math.round(Math.log10(v)); });
}
function driftCount(f) { return W.filter(function (w) { return w.drift[f] && w.drift[f].drifted; }).length; }

function drawDriftFeature(f) {
  var ds = W.map(function (w) { return w.drift[f] || null; });
  var usesP = ds.some(function (d) { return d && d.pValue != null; });
  var score = ds.map(function (d) { return !d ? null : usesP ? (d.pValue == null ? null : Math.max(d.pValue, P_FLOOR)) : d.statistic; });
  var threshold = ds.map(function (d) { return d ? d.threshold : null; });
  var flagged = ds.map(function (d, i) { return d && d.drifted ? score[i] : null; });
  mount(byId("chart-drift-feature"), { height: 220,
    series: [xSeries(), line(usesP ? "p-value" : "statistic", COLORS[0], "y"),
      line("threshold", "#555555", "y", { dash: [6, 4], points: { show: false } }),
      { label: "drifted", scale: "y", stroke: SEV_COLOR.P1, paths: noPaths,
        points: { show: true, size: 9, fill: SEV_COLOR.P1, stroke: SEV_COLOR.P1 },
        value: function (u, v) { return v == null ? "no" : "yes"; } }],
    scales: { y: usesP ? { distr: 3, log: 10 } : { range: fromZero } },
    axes: [{}, usesP ? { scale: "y", label: "p-value (log)", filter: decadesOnly, values: decadeLabels,
        grid: { filter: decadesOnly }, ticks: { filter: decadesOnly } }
      : { scale: "y", label: "statistic" }],
  }, [X, score, threshold, flagged]);
}
`;
