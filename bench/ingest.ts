import { mkdirSync, copyFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { localBackend } from "../cli/local/backend.ts";
import { ingestObject } from "../shared/pipeline/ingest.ts";

/**
 * One ingest invocation on a large gzipped JSON Lines object (issue 3's scale figure): the
 * pipeline step the ingest Lambda runs, here on the local backend. Prints rows, seconds and peak RSS.
 */
const src = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "bench/out/current-1000000.jsonl.gz";
const root = "bench/out/ingest-bucket";
const key = "predictions/bench/big.jsonl.gz";
mkdirSync(join(root, "predictions/bench"), { recursive: true });
if (!existsSync(join(root, key))) copyFileSync(src, join(root, key));
const backend = await localBackend(root, { print: () => {} });
const t0 = performance.now();
// --remote-joins: a join store that keeps nothing in this process, as DynamoDB is for a Lambda, so
// the figure is the ingest step's own memory (the local SQLite store holds every id in memory).
const remote = process.argv.includes("--remote-joins");
const joins = remote
  ? { putPredictions: async (_m: string, items: readonly unknown[]) => ({ inserted: items.length, duplicates: 0, joinedEarlyLabels: 0 }), releasePredictions: async () => 0, putLabels: backend.joins.putLabels.bind(backend.joins), windowPredictions: backend.joins.windowPredictions.bind(backend.joins) }
  : backend.joins;
const r = await ingestObject({ ...backend, joins }, key);
const s = (performance.now() - t0) / 1000;
await backend.close();
console.log(JSON.stringify({ joins: remote ? "remote (discarded)" : "local SQLite", object: key, mb: +(statSync(join(root, key)).size / 1e6).toFixed(1), rows: r.rows, windows: r.windows.length, seconds: +s.toFixed(1), rowsPerSecond: Math.round(r.rows / s), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
