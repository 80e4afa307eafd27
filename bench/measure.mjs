// Runs `vigil …` in this process and prints its wall time and peak RSS (whole process, worker
// threads included) as one JSON line on stderr.
import { register } from "tsx/esm/api";

register();
const t0 = performance.now();
const { main } = await import("../cli/main.ts");
const code = await main(process.argv.slice(2), { out: () => {}, err: (s) => process.stderr.write(`${s}\n`) });
const ms = performance.now() - t0;
process.stderr.write(`${JSON.stringify({ code, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
