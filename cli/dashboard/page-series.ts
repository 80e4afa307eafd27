/**
 * Browser source (see `PAGE_COMMON`) of the time-series charts: volume with malformed and late
 * rows, freshness, drifted share with dataset-drift markers, quality shares (the worst feature or
 * a chosen one) and performance with label coverage. Each `draw…()` fills one container of the
 * page; with no windows it shows a note instead.
 *
 * @example
 * // inside the page: drawVolume(); drawQuality(); drawPerformance();
 */
export const PAGE_SERIES = String.raw`
var NO_WINDOWS = "No windows evaluated yet.";
var QUALITY_KEYS = [["missingShare", "missing"], ["outOfRangeShare", "out of range"],
  ["newCategoryShare", "new category"], ["outlierShare", "outlier"]];
var BOUNDED = ["accuracy", "precision", "recall", "f1", "rocAuc", "averagePrecision", "brier",
  "precisionMacro", "recallMacro", "f1Macro", "precisionWeighted", "recallWeighted", "f1Weighted", "mape"];

function pick(f) { return W.map(function (w) { var v = f(w); return v == null ? null : v; }); }

function drawVolume() {
  var box = byId("chart-volume");
  if (!W.length) return empty(box, NO_WINDOWS);
  mount(box, { height: 240,
    series: [xSeries(), line("rows", COLORS[0], "rows"),
      line("malformed rows", COLORS[1], "bad"), line("late rows", COLORS[4], "bad", { dash: [6, 3] })],
    scales: { rows: { range: fromZero }, bad: { range: fromZero } },
    axes: [{}, { scale: "rows", label: "rows" },
      { scale: "bad", side: 1, label: "malformed / late rows", grid: { show: false } }],
  }, [X, pick(function (w) { return w.rows; }), pick(function (w) { return w.malformedRows; }),
    pick(function (w) { return w.lateRows; })]);
}

function drawFreshness() {
  var box = byId("chart-freshness");
  if (!W.length) return empty(box, NO_WINDOWS);
  mount(box, { height: 240,
    series: [xSeries(), line("minutes since last data", COLORS[5], "min", { fill: "rgba(23,190,207,0.12)" })],
    scales: { min: { range: fromZero } },
    axes: [{}, { scale: "min", label: "minutes" }],
  }, [X, pick(function (w) { return w.minutesSinceLastData; })]);
}

function drawDriftedShare() {
  var box = byId("chart-drifted-share");
  if (!W.length) return empty(box, NO_WINDOWS);
  mount(box, { height: 240,
    series: [xSeries(), line("drifted share", COLORS[3], "share", { fill: "rgba(148,103,189,0.12)",
        value: function (u, v) { return pct(v); } }),
      { label: "dataset drift", scale: "share", stroke: SEV_COLOR.P1, paths: noPaths,
        points: { show: true, size: 10, fill: SEV_COLOR.P1, stroke: SEV_COLOR.P1 },
        value: function (u, v) { return v == null ? "no" : "yes"; } }],
    scales: { share: { range: [0, 1] } },
    axes: [{}, shareAxis("share of features drifted")],
  }, [X, pick(function (w) { return w.driftedShare; }),
    pick(function (w) { return w.datasetDrift ? w.driftedShare : null; })]);
}

function qualityData(feature) {
  return [X].concat(QUALITY_KEYS.map(function (k) {
    return W.map(function (w) {
      var names = feature ? [feature] : Object.keys(w.quality), worst = null;
      names.forEach(function (f) {
        var v = w.quality[f] ? w.quality[f][k[0]] : null;
        if (v != null && (worst == null || v > worst)) worst = v;
      });
      return worst;
    });
  }));
}

function drawQuality() {
  var box = byId("chart-quality"), select = byId("quality-feature");
  if (!W.length) { select.hidden = true; return empty(box, NO_WINDOWS); }
  select.appendChild(el("option", null, "worst feature (max)")).value = "";
  unionKeys(W.map(function (w) { return w.quality; })).forEach(function (f) {
    select.appendChild(el("option", null, f)).value = f;
  });
  var u = mount(box, { height: 240,
    series: [xSeries()].concat(QUALITY_KEYS.map(function (k, i) {
      return line(k[1], COLORS[[1, 4, 3, 8][i]], "share", { value: function (u, v) { return pct(v); } });
    })),
    scales: { share: { range: function (u, min, max) { return [0, Math.max(0.05, (max || 0) * 1.1)]; } } },
    axes: [{}, shareAxis("share of rows")],
  }, qualityData(""));
  select.addEventListener("change", function () { u.setData(qualityData(select.value)); });
}

function drawPerformance() {
  var box = byId("chart-performance");
  if (!W.some(function (w) { return w.performance; })) return empty(box, "No labels have arrived yet.");
  var keys = unionKeys(W.map(function (w) { return w.performance; }))
    .filter(function (k) { return k !== "labelCoverage"; });
  var unbounded = keys.some(function (k) { return BOUNDED.indexOf(k) < 0; });
  var metric = function (k) { return pick(function (w) { return w.performance ? w.performance[k] : null; }); };
  var series = [xSeries()], data = [X];
  keys.forEach(function (k, i) {
    series.push(line(k, COLORS[i % COLORS.length], BOUNDED.indexOf(k) < 0 ? "value" : "share"));
    data.push(metric(k));
  });
  series.push(line("label coverage", "#555555", "share", { dash: [5, 4], value: function (u, v) { return pct(v); } }));
  data.push(metric("labelCoverage"));
  var axes = [{}, shareAxis("metric / coverage")];
  if (unbounded) axes.push({ scale: "value", side: 1, label: "error", grid: { show: false } });
  mount(box, { height: 240, series: series, scales: { share: { range: [0, 1] } }, axes: axes }, data);
}
`;
