/**
 * Browser code shared by the page's charts, as plain ES2020 source: it is inlined into the page
 * (not bundled), so it is kept as text rather than as a function whose transpiled `toString()`
 * could reference bundler helpers. It reads the embedded data and defines small helpers:
 * `el(tag, className, text)` builds an element and sets its text with `textContent` (the only
 * way text from logs reaches the DOM), `mount(box, opts, data)` draws a uPlot chart sized to its
 * box and replaces any chart already there, `empty(box, text)` shows a note instead of a chart.
 *
 * @example
 * // inside the page, after this source:
 * mount(byId("chart-volume"), { height: 240, series: [xSeries(), line("rows", COLORS[0], "y")] }, [X, rows]);
 */
export const PAGE_COMMON = String.raw`
var D = JSON.parse(document.getElementById("vigil-data").textContent);
var W = D.windows;
var X = W.map(function (w) { return Date.parse(w.start) / 1000; });
var SEV_COLOR = { P1: "#d62728", P2: "#f28e2b", P3: "#e3b505", P4: "#8c8c8c" };
var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"];
var DAY_S = 86400;
var live = [];

function byId(id) { return document.getElementById(id); }
function el(tag, className, text) {
  var e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = String(text);
  return e;
}
function fmt(x) { return x == null ? "\u2014" : String(Number(Number(x).toPrecision(3))); }
function pct(x) { return x == null ? "\u2014" : String(Number((x * 100).toPrecision(3))) + "%"; }
function dateOf(iso) {
  var d = new Date(iso);
  if (isNaN(d.getTime())) return String(iso);
  return d.toISOString().slice(0, 16).replace("T", " ").replace(/ 00:00$/, "");
}
function unionKeys(objects) {
  var seen = Object.create(null), out = [];
  objects.forEach(function (o) {
    Object.keys(o || {}).forEach(function (k) { if (!seen[k]) { seen[k] = true; out.push(k); } });
  });
  return out;
}
function utc(ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); }
function xSeries() { return { value: function (u, v) { return v == null ? "\u2014" : dateOf(v * 1000); } }; }
function line(label, color, scale, extra) {
  var s = { label: label, stroke: color, width: 2, scale: scale, points: { size: 5 },
    value: function (u, v) { return fmt(v); } };
  Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
  return s;
}
function shareAxis(label) {
  return { scale: "share", label: label,
    values: function (u, splits) { return splits.map(function (v) { return Math.round(v * 100) + "%"; }); } };
}
function fromZero(u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; }
function noPaths() { return null; }
function cellEdges(xs) {
  var n = xs.length, edges = [];
  var first = n > 1 ? xs[1] - xs[0] : DAY_S, last = n > 1 ? xs[n - 1] - xs[n - 2] : DAY_S;
  edges.push(xs[0] - first / 2);
  for (var i = 1; i < n; i++) edges.push((xs[i - 1] + xs[i]) / 2);
  edges.push(xs[n - 1] + last / 2);
  return edges;
}

function unmount(box) {
  live = live.filter(function (c) {
    if (c.box !== box && !box.contains(c.box)) return true;
    c.u.destroy();
    return false;
  });
}
function mount(box, opts, data) {
  unmount(box);
  box.textContent = "";
  box.setAttribute("data-chart", "");
  opts.width = Math.max(260, box.clientWidth);
  opts.tzDate = utc;
  var u = new uPlot(opts, data, box);
  live.push({ u: u, box: box });
  return u;
}
function empty(box, text) {
  unmount(box);
  box.removeAttribute("data-chart");
  box.className = "empty";
  box.textContent = text;
}
window.addEventListener("resize", function () {
  live.forEach(function (c) { c.u.setSize({ width: Math.max(260, c.box.clientWidth), height: c.u.height }); });
});
`;
