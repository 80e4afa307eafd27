import { kstwoSf } from "../../../shared/stats/kstwoSf.ts";
import { readFileSync } from "node:fs";
const grid = JSON.parse(readFileSync("/tmp/grid.json", "utf8")) as { ks: [number, number][] };
const slow: unknown[] = [];
for (const [d, n] of grid.ks) { const t = performance.now(); kstwoSf(d, n); const dt = performance.now() - t; if (dt > 20) slow.push([n, d, n * d * d, n * d ** 1.5, Math.round(dt)]); }
process.stdout.write(JSON.stringify(slow, null, 0));
