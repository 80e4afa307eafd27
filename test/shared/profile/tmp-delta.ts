import { ColumnBuilder } from "../../../shared/profile/column-builder.ts";
import { Rng } from "./support/random.ts";
const N = 5_000_000;
const rng = new Rng(7);
const continuous = new Float64Array(N).map(() => rng.normal());
const res: Record<string, number> = {};
for (let rep = 0; rep < 4; rep++) for (const d of [2000, 3000, 4000]) {
  const t0 = process.hrtime.bigint();
  const c = new ColumnBuilder({ exactDistinctCap: 10_000, categoryCap: 1000, compression: d, edges: null, declaredType: null });
  for (let i = 0; i < N; i++) c.add(continuous[i]);
  c.toSummary();
  const ns = Number(process.hrtime.bigint() - t0) / N;
  res[d] = Math.min(res[d] ?? Infinity, ns);
}
console.log(res);
