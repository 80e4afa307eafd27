/**
 * Browser source (see `PAGE_COMMON`) of the alert timeline: one lane per severity (P1 on top),
 * a marker per notification coloured by severity — filled for "fire", a ring for "remind", a
 * square for "resolve" — with a hover read-out, and a table of all notifications, newest first.
 *
 * @example
 * // inside the page: drawAlerts();
 */
export const PAGE_ALERTS = String.raw`
var LANES = ["P4", "P3", "P2", "P1"];

function sevColor(s) { return SEV_COLOR[s] || SEV_COLOR.P4; }
function laneOf(s) { var i = LANES.indexOf(s); return i < 0 ? 0 : i; }

function drawAlerts() {
  var box = byId("chart-alerts"), out = byId("alerts-readout"), A = D.alerts;
  drawAlertTable(A);
  if (!A.length) { out.textContent = ""; return empty(box, "No alerts."); }
  var times = X.concat(A.map(function (a) { return Date.parse(a.at) / 1000; }));
  var xs = times.filter(function (t, i) { return times.indexOf(t) === i; }).sort(function (a, b) { return a - b; });
  var edges = cellEdges(W.length ? X : xs);
  var byTime = Object.create(null);
  A.forEach(function (a) { var t = Date.parse(a.at) / 1000; (byTime[t] = byTime[t] || []).push(a); });
  var hint = A.length + " notifications. Hover the timeline for the alerts of a window.";
  out.textContent = hint;
  mount(box, { height: 200, legend: { show: false }, cursor: { points: { show: false }, drag: { x: false, y: false } },
    series: [{}, { scale: "sev", paths: noPaths, points: { show: false } }],
    scales: { x: { time: true, range: [Math.min(edges[0], xs[0]), Math.max(edges[edges.length - 1], xs[xs.length - 1])] },
      sev: { auto: false, range: [-0.5, 3.5] } },
    axes: [{}, { scale: "sev", space: 10, incrs: [1], size: 40, ticks: { show: false },
      values: function (u, splits) { return splits.map(function (v) { return LANES[v] || ""; }); } }],
    hooks: {
      draw: [function (u) {
        var ctx = u.ctx, dpr = window.devicePixelRatio || 1, r = 4.5 * dpr;
        var cellPx = Math.abs(u.valToPos(edges[1], "x", true) - u.valToPos(edges[0], "x", true));
        Object.keys(byTime).forEach(function (t) {
          var lanes = [[], [], [], []];
          byTime[t].forEach(function (a) { lanes[laneOf(a.severity)].push(a); });
          lanes.forEach(function (list, lane) {
            var step = Math.min(2.6 * r, cellPx / (list.length + 1)), y = u.valToPos(lane, "sev", true);
            list.forEach(function (a, k) {
              var x = u.valToPos(Number(t), "x", true) + (k - (list.length - 1) / 2) * step;
              marker(ctx, a.state, sevColor(a.severity), x, y, r, dpr);
            });
          });
        });
      }],
      setCursor: [function (u) {
        if (u.cursor.left == null || u.cursor.left < 0) { out.textContent = hint; return; }
        var t = u.posToVal(u.cursor.left, "x"), best = null;
        Object.keys(byTime).forEach(function (k) { if (best == null || Math.abs(k - t) < Math.abs(best - t)) best = Number(k); });
        var list = byTime[best] || [];
        out.textContent = dateOf(best * 1000) + ": " + list.map(function (a) {
          return a.severity + " " + a.state + " " + a.rule + (a.feature ? " (" + a.feature + ")" : "");
        }).join("; ");
      }],
    },
  }, [xs, xs.map(function () { return null; })]);
}

function marker(ctx, state, color, x, y, r, dpr) {
  ctx.save();
  ctx.lineWidth = 2 * dpr;
  ctx.strokeStyle = color;
  ctx.fillStyle = state === "fire" ? color : "#ffffff";
  ctx.beginPath();
  if (state === "resolve") ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

function drawAlertTable(A) {
  var body = byId("alerts-table").tBodies[0];
  body.textContent = "";
  if (!A.length) {
    var tr = body.insertRow(), td = tr.insertCell();
    td.colSpan = 6;
    td.textContent = "No alerts.";
    return;
  }
  A.slice().reverse().forEach(function (a) {
    var tr = body.insertRow();
    tr.insertCell().textContent = dateOf(a.at);
    var badge = tr.insertCell().appendChild(el("span", "sev", a.severity));
    badge.style.background = sevColor(a.severity);
    tr.insertCell().textContent = a.state;
    tr.insertCell().textContent = a.rule;
    tr.insertCell().textContent = a.feature || "";
    tr.insertCell().textContent = a.message;
  });
}
`;
