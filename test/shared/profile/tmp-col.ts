import { ColumnBuilder } from "../../../shared/profile/column-builder.ts";
import { Rng } from "./support/random.ts";
const N = 10_000_000;
const rng = new Rng(7);
const continuous = new Float64Array(N).map(() => rng.normal());
const discrete = new Float64Array(N).map(() => rng.int(1000));
const opts = { exactDistinctCap: 10_000, categoryCap: 1000, compression: 2000, edges: null, declaredType: null };
function time(label: string, f: () => void) { let best = Infinity; for (let r = 0; r < 3; r++) { const t0 = process.hrtime.bigint(); f(); best = Math.min(best, Number(process.hrtime.bigint() - t0)); } console.log(label, (best / N).toFixed(1), "ns/value"); }
time("continuous", () => { const c = new ColumnBuilder(opts); for (let i = 0; i < N; i++) c.add(continuous[i]); c.toSummary(); });
time("discrete", () => { const c = new ColumnBuilder(opts); for (let i = 0; i < N; i++) c.add(discrete[i]); c.toSummary(); });
time("continuous+hist", () => { const c = new ColumnBuilder({ ...opts, edges: Float64Array.from([-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28]) }); for (let i = 0; i < N; i++) c.add(continuous[i]); c.toSummary(); });
time("loop only", () => { let s = 0; for (let i = 0; i < N; i++) s += continuous[i]; if (s === 1) console.log(s); });
