import { kstwoSf } from "../../../shared/stats/kstwoSf.ts";
import { smirnovSf } from "../../../shared/stats/smirnovSf.ts";
import { readFileSync } from "node:fs";
const grid = JSON.parse(readFileSync("/tmp/grid.json", "utf8")) as { ks: [number, number][]; sm: [number, number][] };
const t0 = performance.now();
const ks = grid.ks.map(([d, n]) => kstwoSf(d, n));
const t1 = performance.now();
const sm = grid.sm.map(([n, x]) => smirnovSf(n, x));
process.stdout.write(JSON.stringify({ ks, sm, ms: t1 - t0 }));
