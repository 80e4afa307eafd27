/**
 * The page's own stylesheet (uPlot's is inlined beside it): a two-column grid of cards that
 * falls back to one column on narrow screens, severity colours (P1 red, P2 orange, P3 yellow,
 * P4 grey) and the colour keys of the heatmap and the distribution bars.
 *
 * @example
 * `<style>${PAGE_CSS}</style>`;
 */
export const PAGE_CSS = `
:root { --ink: #1d2329; --muted: #5f6b76; --line: #d8dee4; --bg: #f5f7f9;
  --p1: #d62728; --p2: #f28e2b; --p3: #e3b505; --p4: #8c8c8c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg); }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 22px; }
h1 .model { font-weight: 400; }
h2 { margin: 0 0 4px; font-size: 16px; }
h3 { margin: 0; font-size: 14px; overflow-wrap: anywhere; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(520px, 100%), 1fr)); gap: 16px; padding: 16px 24px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; min-width: 0; }
.wide { grid-column: 1 / -1; }
.muted { color: var(--muted); font-weight: 400; }
.small { font-size: 12px; margin: 2px 0 6px; }
.chart { width: 100%; min-height: 40px; }
.empty { color: var(--muted); font-style: italic; padding: 24px 0; }
.controls { margin: 6px 0; }
select { font: inherit; padding: 2px 4px; max-width: 100%; }
.readout { min-height: 1.45em; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.key { display: inline-flex; align-items: center; gap: 4px; margin-right: 12px; font-size: 12px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.ring { display: inline-block; width: 11px; height: 11px; border-radius: 50%; border: 2px solid var(--p4); }
.dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; background: var(--p4); }
.square { display: inline-block; width: 11px; height: 11px; border: 2px solid var(--p4); }
.gradient { display: inline-block; width: 90px; height: 12px; border-radius: 2px;
  background: linear-gradient(90deg, rgba(31,119,180,0.06), rgba(31,119,180,0.56)); }
.gradient.hot { width: 60px; background: linear-gradient(90deg, rgba(214,39,40,0.45), rgb(214,39,40)); }
.scroll { max-height: 320px; overflow: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td:first-child { white-space: nowrap; }
td:last-child { overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; background: #fff; }
.sev { display: inline-block; min-width: 26px; text-align: center; color: #fff; font-weight: 600;
  border-radius: 3px; padding: 0 4px; }
.dists { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr)); gap: 12px; }
.dist { padding: 8px 10px; }
.dist.drifted { border-color: var(--p1); box-shadow: inset 3px 0 0 var(--p1); }
.u-legend { font-size: 12px; }
.u-legend .u-marker { width: 0.9em; height: 0.9em; }
footer { padding: 0 24px 24px; font-size: 12px; color: var(--muted); }
`;
