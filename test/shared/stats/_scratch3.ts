import { kstwoSf } from "../../../shared/stats/kstwoSf.ts";
for (const [d, n] of [[0.0108813, 50000], [0.003124787784039635, 300000], [0.0173, 10000], [0.0193, 300000], [0.004, 1000000]] as const) {
  for (let r = 0; r < 3; r++) { const t = performance.now(); const v = kstwoSf(d, n); process.stdout.write(`${n} ${d} ${v} ${(performance.now() - t).toFixed(1)}ms\n`); }
}
