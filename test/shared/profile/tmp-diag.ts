import { ColumnBuilder } from "../../../shared/profile/column-builder.ts";
import { weightedSample } from "../../../shared/profile/column-stats.ts";
import { draw, type DistributionName } from "./support/random.ts";
import { exactSample, stdOf } from "./support/exact-stats.ts";
import type { WeightedSample } from "../../../shared/types.ts";
const name = (process.argv[2] ?? "heavyTailed") as DistributionName;
const N = Number(process.argv[3] ?? 1e7);
const delta = Number(process.argv[4] ?? 2000);
const x = draw(name, N, 1);
const c = new ColumnBuilder({ exactDistinctCap: 10_000, categoryCap: 1000, compression: delta, edges: null, declaredType: null });
for (const v of x) c.add(v);
const sk = weightedSample(c.toSummary());
const ex = exactSample(x);
const sd = stdOf(x);
// contributions of ∫|F_sk − F_ex| by band of F
const bands = [0, 1e-4, 1e-3, 1e-2, 0.1, 0.9, 0.99, 0.999, 0.9999, 1];
const contrib = new Array(bands.length - 1).fill(0);
function walk(a: WeightedSample, b: WeightedSample) {
  let ta = 0, tb = 0; for (const w of a.weights) ta += w; for (const w of b.weights) tb += w;
  let i = 0, j = 0, ca = 0, cb = 0;
  while (i < a.values.length || j < b.values.length) {
    const xx = Math.min(i < a.values.length ? a.values[i] : Infinity, j < b.values.length ? b.values[j] : Infinity);
    while (i < a.values.length && a.values[i] === xx) ca += a.weights[i++];
    while (j < b.values.length && b.values[j] === xx) cb += b.weights[j++];
    const next = Math.min(i < a.values.length ? a.values[i] : Infinity, j < b.values.length ? b.values[j] : Infinity);
    if (next === Infinity) break;
    const f = cb / tb; let k = 0; while (k < bands.length - 2 && f >= bands[k + 1]) k++;
    contrib[k] += Math.abs(ca / ta - cb / tb) * (next - xx) / sd;
  }
}
walk(sk, ex);
console.log(name, "n", N, "sd", sd.toFixed(3), "W(sk, exact)/sd", contrib.reduce((s, v) => s + v, 0).toExponential(3));
for (let k = 0; k < contrib.length; k++) console.log(`  F in [${bands[k]}, ${bands[k + 1]}): ${contrib[k].toExponential(3)}`);
console.log("first centroids", Array.from(sk.values.slice(0, 5)).map((v, i) => `${v.toFixed(1)}×${sk.weights[i]}`).join(" "));
