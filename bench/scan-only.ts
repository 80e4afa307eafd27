import { readFileSync } from "node:fs";
import { RowScanner } from "../shared/readers/row-scanner.ts";
import { DEFAULT_FIELDS } from "../shared/types.ts";

/** CPU per row of RowScanner.scan alone over an in-memory JSON Lines file, beside JSON.parse. */
const buf = readFileSync(process.argv[2] ?? "bench/out/current-250000.jsonl");
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const s = new RowScanner(DEFAULT_FIELDS);
for (let r = 0; r < 4; r++) {
  let t = cpu();
  let rows = 0;
  let fails = 0;
  for (let p = 0; p < buf.length; ) {
    const nl = buf.indexOf(10, p);
    if (s.scan(buf, p, nl)) rows++; else fails++;
    p = nl + 1;
  }
  const ts = cpu() - t;
  const text = buf.toString("utf8");
  t = cpu();
  let n = 0;
  for (let i = 0, j = text.indexOf("\n"); j >= 0; i = j + 1, j = text.indexOf("\n", i)) n += JSON.parse(text.slice(i, j)) ? 1 : 0;
  const tp = cpu() - t;
  console.log(`scan ${(ts / rows).toFixed(2)} µs/row (fails ${fails})  JSON.parse ${(tp / n).toFixed(2)} µs/row`);
}
