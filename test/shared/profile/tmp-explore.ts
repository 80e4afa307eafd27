import { ColumnBuilder } from "../../../shared/profile/column-builder.ts";
import { mergeColumns } from "../../../shared/profile/merge-columns.ts";
import { quantile, weightedSample } from "../../../shared/profile/column-stats.ts";
import type { ColumnSummary } from "../../../shared/profile/types.ts";
import { DISTRIBUTIONS, draw, type DistributionName } from "./support/random.ts";
import { exactSample, ksDistance, rankError, stdOf, wasserstein1 } from "./support/exact-stats.ts";

const delta = Number(process.argv[2] ?? 2000);
const N = Number(process.argv[3] ?? 1e6);
const PARTS = Number(process.argv[4] ?? 1);
function profile(x: Float64Array): ColumnSummary {
  const opts = { exactDistinctCap: 10_000, categoryCap: 1000, compression: delta, edges: null, declaredType: null };
  const limits = { exactDistinctCap: 10_000, categoryCap: 1000, compression: delta };
  let acc: ColumnSummary | null = null;
  const size = Math.ceil(x.length / PARTS);
  for (let p = 0; p < PARTS; p++) {
    const c = new ColumnBuilder(opts);
    for (let i = p * size; i < Math.min(x.length, (p + 1) * size); i++) c.add(x[i]);
    const s = c.toSummary();
    acc = acc === null ? s : mergeColumns("x", acc, s, limits);
  }
  return acc!;
}
const PS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];
for (const name of (process.argv[5] ? [process.argv[5]] : Object.keys(DISTRIBUTIONS)) as DistributionName[]) {
  const ref = draw(name, N, 1);
  const same = draw(name, N, 2);
  const sd = stdOf(ref);
  const shifted = draw(name, N, 3, 0.1 * sd);
  const pr = profile(ref), ps = profile(same), pf = profile(shifted);
  const er = exactSample(ref), es = exactSample(same), ef = exactSample(shifted);
  const wr = weightedSample(pr), ws = weightedSample(ps), wf = weightedSample(pf);
  const ksSelf = ksDistance(wr, er);
  const dKsSame = Math.abs(ksDistance(wr, ws) - ksDistance(er, es));
  const dKsShift = Math.abs(ksDistance(wr, wf) - ksDistance(er, ef));
  const wSameExact = wasserstein1(er, es) / sd, wSameSk = wasserstein1(wr, ws) / sd;
  const wShiftExact = wasserstein1(er, ef) / sd, wShiftSk = wasserstein1(wr, wf) / sd;
  const sorted = Float64Array.from(ref).sort();
  let qErr = 0;
  for (const p of PS) qErr = Math.max(qErr, rankError(sorted, quantile(pr, p), p));
  const size = JSON.stringify(pr.numeric!.distribution).length;
  console.log(`${name.padEnd(18)} kind=${pr.numeric!.distribution.kind} centroids=${wr.values.length} json=${(size / 1024).toFixed(1)}KiB ` +
    `ksSelf=${ksSelf.toFixed(5)} dKS same=${dKsSame.toFixed(5)} shift=${dKsShift.toFixed(5)} ` +
    `W same ${wSameExact.toFixed(5)}→${wSameSk.toFixed(5)} (abs ${Math.abs(wSameSk - wSameExact).toFixed(5)}) ` +
    `W shift ${wShiftExact.toFixed(5)}→${wShiftSk.toFixed(5)} (rel ${(Math.abs(wShiftSk - wShiftExact) / wShiftExact * 100).toFixed(3)}%) qRank=${qErr.toFixed(5)}`);
}
