import { readFileSync, statSync } from "node:fs";
import type { JoinStore, ObjectStore } from "../shared/ports.ts";
import { ingestObject } from "../shared/pipeline/ingest.ts";
import { referenceProfileKey } from "../shared/pipeline/keys.ts";
import { fileSource } from "../cli/sources.ts";

/**
 * CPU per row of the ingest step (`ingestObject`) on one file, without the adapters' costs: the
 * object store serves the file as it is (no MD5 ETag pass) and keeps writes in memory, the join
 * store discards items (as DynamoDB is remote to a Lambda). Prints rows, CPU µs/row (all threads),
 * rows/s per core and peak RSS.
 *   node bin/run-ts.mjs bench/ingest-cpu.ts [file.jsonl[.gz]] [--reference profile.json] [--runs N]
 */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && /\.jsonl/.test(a)) ?? "bench/out/current-1000000.jsonl";
const refAt = args.indexOf("--reference");
const refPath = refAt >= 0 ? args[refAt + 1] : "bench/out/reference-100k.profile.json";
const runs = Number(args[args.indexOf("--runs") + 1] || 1) || 1;
const model = "bench";
const key = `predictions/${model}/${file.endsWith(".gz") ? "big.jsonl.gz" : "big.jsonl"}`;
const refText = readFileSync(refPath, "utf8");

function store(): ObjectStore {
  const kept = new Map<string, string | Uint8Array>();
  return {
    async open(k) {
      if (k !== key) return null;
      const size = statSync(file).size;
      return { ...fileSource(file), info: { key: k, etag: "bench", size, lastModifiedMs: Date.UTC(2024, 0, 20) } };
    },
    async getText(k) {
      if (k === referenceProfileKey(model)) return refText;
      const v = kept.get(k);
      return v === undefined ? null : typeof v === "string" ? v : Buffer.from(v).toString("utf8");
    },
    async put(k, body) {
      kept.set(k, body);
    },
    async *list() {},
    async delete(k) {
      kept.delete(k);
    },
  };
}

const joins: JoinStore = {
  putPredictions: async (_m, items) => ({ inserted: items.length, duplicates: 0, joinedEarlyLabels: 0 }),
  releasePredictions: async () => 0,
  putLabels: async () => ({ inserted: 0, duplicates: 0, joinedEarly: 0 }) as never,
  windowPredictions: async function* () {},
};

const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const per: number[] = [];
let rows = 0;
for (let i = 0; i < runs; i++) {
  const c0 = cpu();
  const t0 = performance.now();
  const r = await ingestObject({ objects: store(), joins, clock: { nowMs: () => Date.UTC(2024, 0, 20) } } as never, key);
  const us = cpu() - c0;
  rows = r.rows;
  per.push(us / r.rows);
  console.log(`run ${i + 1}: ${r.rows} rows, ${r.windows.length} windows, ${((performance.now() - t0) / 1000).toFixed(2)} s wall, CPU ${(us / r.rows).toFixed(2)} µs/row`);
}
const m = [...per].sort((a, b) => a - b)[Math.floor(per.length / 2)];
console.log(JSON.stringify({ file, rows, cpuUsPerRow: +m.toFixed(2), rowsPerSecondPerCore: Math.round(1e6 / m), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
