// Measures the t-digest's accuracy and size (not a test):
//   node bin/run-ts.mjs test/shared/profile/measure-accuracy.ts [n] [partials] [distribution] [pairwise|at-once]
// For each distribution: |D_sketch − D_exact| against a second sample, a 0.15·std shift and a 1.5×
// scale; the normalised Wasserstein error (relative under drift, absolute for the second sample);
// the worst quantile rank error; centroids and JSON size of the reference's digest.
import { stdOf } from "./support/exact-stats.ts";
import { DISTRIBUTIONS, draw, type DistributionName } from "./support/random.ts";
import { ksError, normalisedW, sketched, worstRankError, type MergeMode } from "./support/sketch-check.ts";

const n = Number(process.argv[2] ?? 1_000_000);
const partials = Number(process.argv[3] ?? 1);
const names = (process.argv[4] && process.argv[4] !== "all" ? [process.argv[4]] : Object.keys(DISTRIBUTIONS)) as DistributionName[];
const mode: MergeMode = process.argv[5] === "at-once" ? "at once" : "pairwise";
console.log(`n = ${n}, partials = ${partials}, merged ${mode}`);
for (const name of names) {
  const refData = draw(name, n, 100);
  const std = stdOf(refData);
  const ref = sketched(refData, partials, mode);
  const same = sketched(draw(name, n, 101), partials, mode);
  const shifted = sketched(draw(name, n, 102, 0.15 * std), partials, mode);
  const scaled = sketched(draw(name, n, 103, 0, 1.5), partials, mode);
  const ks = Math.max(ksError(ref, same), ksError(ref, shifted), ksError(ref, scaled));
  const wRel = Math.max(...[shifted, scaled].map((o) => {
    const w = normalisedW(ref, o, std);
    return Math.abs(w.sketch - w.exact) / w.exact;
  }));
  const wSame = normalisedW(ref, same, std);
  const d = ref.column.numeric!.distribution;
  console.log(`${name.padEnd(18)} KS err ${ks.toFixed(5)}  W rel err ${(100 * wRel).toFixed(3)}%  ` +
    `W same abs err ${Math.abs(wSame.sketch - wSame.exact).toFixed(5)}  rank err ${worstRankError(ref).toFixed(5)}  ` +
    `centroids ${d.kind === "tdigest" ? d.means.length : 0}  JSON ${(JSON.stringify(d).length / 1024).toFixed(1)} KiB`);
}
