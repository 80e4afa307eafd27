import { ksExactPValue } from "../../../shared/stats/ksExactPValue.ts";
for (const [n1, n2, d] of [[10000, 9999, 1], [10000, 9999, 0.5], [10000, 9999, 0.1], [10000, 9999, 0.077], [10000, 9999, 0.076], [10000, 7000, 0.9], [10000, 9999, 0.03], [3000, 2999, 0.5]] as const) {
  ksExactPValue(n1, n2, d); const c = process.cpuUsage(); const t = performance.now(); const r = ksExactPValue(n1, n2, d); const cu = process.cpuUsage(c); process.stdout.write(`${n1} ${n2} ${d} ${JSON.stringify(r)} wall ${(performance.now() - t).toFixed(1)}ms cpu ${(cu.user / 1000).toFixed(1)}ms\n`);
}
