import { copyFileSync, linkSync, mkdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { localBackend } from "../cli/local/backend.ts";
import type { JoinStore } from "../shared/ports.ts";
import { ingestObject } from "../shared/pipeline/ingest.ts";
import { monitorKeys, referenceProfileKey } from "../shared/pipeline/keys.ts";

/**
 * One ingest invocation, in a process of its own: the pipeline step the ingest Lambda runs
 * (shared/pipeline/ingest.ts `ingestObject`) on the local backend, reading one object and writing
 * its partial profiles. By default the join store keeps nothing in this process, as DynamoDB is
 * for a Lambda, so the figures are the ingest step's own (`--local-joins` uses the SQLite store,
 * which holds every id in memory). Prints one JSON line: rows, wall and CPU milliseconds of the
 * step alone (module loading and the local store's md5 ETag excluded), peak RSS of the process.
 *
 *   node bin/run-ts.mjs bench/ingest.ts bench/out/current-1000000.jsonl.gz [--model bench]
 *     [--reference profile.json] [--monitor monitor.yaml] [--local-joins]
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: "string", default: "bench" },
    reference: { type: "string" },
    monitor: { type: "string" },
    "local-joins": { type: "boolean", default: false },
    "remote-joins": { type: "boolean", default: false }, // the default; kept for old command lines
  },
});
const src = positionals[0] ?? "bench/out/current-1000000.jsonl.gz";
const model = values.model!;
const root = join(dirname(src), `ingest-bucket-${process.pid}`);
const key = `predictions/${model}/${basename(src)}`;

function place(from: string, toKey: string, link: boolean): void {
  const to = join(root, toKey);
  mkdirSync(dirname(to), { recursive: true });
  if (!link) return copyFileSync(from, to);
  try {
    linkSync(from, to); // same bytes, no copy of a 500 MB file
  } catch {
    copyFileSync(from, to);
  }
}

rmSync(root, { recursive: true, force: true });
place(src, key, true);
if (values.reference) place(values.reference, referenceProfileKey(model), false);
if (values.monitor) place(values.monitor, monitorKeys(model)[0], false);
const backend = await localBackend(root, { print: () => {} });
const discard: JoinStore = {
  putPredictions: async (_model, items) => ({ inserted: items.length, duplicates: 0, joinedEarlyLabels: 0 }),
  releasePredictions: async () => 0,
  putLabels: backend.joins.putLabels.bind(backend.joins),
  windowPredictions: backend.joins.windowPredictions.bind(backend.joins),
};
const joins = values["local-joins"] ? backend.joins : discard;
await backend.objects.open(key); // hashes the file once for its ETag (S3 has it for free)
const rssBeforeMb = process.resourceUsage().maxRSS / 1024;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await ingestObject({ ...backend, joins }, key);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await backend.close();
rmSync(root, { recursive: true, force: true });
if (r.rejected || r.skipped) throw new Error(`ingest of ${src} ${r.rejected ? `rejected: ${r.rejected}` : "skipped"}`);
const result = {
  object: basename(src),
  mb: +(statSync(src).size / 1e6).toFixed(1),
  joins: values["local-joins"] ? "local SQLite" : "remote (discarded)",
  rows: r.rows,
  malformed: r.malformed,
  windows: r.windows.length,
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  rssBeforeMb,
};
console.log(JSON.stringify(result));
