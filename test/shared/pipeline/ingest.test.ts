import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { localBackend } from "../../../cli/local/backend.ts";
import { ingestObject } from "../../../shared/pipeline/ingest.ts";
import type { JoinedPrediction } from "../../../shared/ports.ts";
import { tempDir } from "../../cli/helpers.ts";

// The ingest step on the real local backend (folder + SQLite): an object rejected late (a gzip
// truncated at its end, after the first join items were written) gives its join items back.
const W = Date.UTC(2024, 0, 1);
const ROWS = 8_000; // above the 5,000 join items the router writes while streaming

function logText(): string {
  return Array.from({ length: ROWS }, (_, i) => JSON.stringify({ timestamp: new Date(W + i * 1000).toISOString(), request_id: `r${i}`, features: { x: i % 37 }, prediction: i % 2 })).join("\n") + "\n";
}

async function collect(it: AsyncIterable<JoinedPrediction>): Promise<JoinedPrediction[]> {
  const out: JoinedPrediction[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe("ingestObject", () => {
  it("releases the join items of an object rejected late, so its fixed upload counts no duplicates", async () => {
    const root = tempDir();
    const key = "predictions/m/big.jsonl.gz";
    const put = (bytes: Uint8Array) => {
      mkdirSync(dirname(join(root, key)), { recursive: true });
      writeFileSync(join(root, key), bytes);
    };
    mkdirSync(join(root, "monitors"), { recursive: true });
    writeFileSync(join(root, "monitors/m.yaml"), "model: m\nwindow: 1d\nlateness: 1h\n");
    const whole = gzipSync(logText());
    put(whole.subarray(0, whole.length - 40));
    const backend = await localBackend(root, { print: () => {} });
    try {
      // Labels for ten ids wait; the truncated object joins them, then gives them back.
      await backend.joins.putLabels("m", Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, label: 1, timestampMs: W + 86_400_000 })), 14);
      const rejected = await ingestObject(backend, key);
      expect(rejected.rejected).toMatch(/truncated/i);
      expect(await collect(backend.joins.windowPredictions("m", W))).toEqual([]);

      put(whole);
      const fixed = await ingestObject(backend, key);
      expect(fixed).toMatchObject({ rows: ROWS, duplicateIds: 0, predictionsStored: ROWS, skipped: false });
      expect(fixed.rejected).toBeUndefined();
      const stored = await collect(backend.joins.windowPredictions("m", W));
      expect(stored).toHaveLength(ROWS);
      expect(stored.filter((p) => p.label === 1).map((p) => p.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`).sort());
    } finally {
      await backend.close();
    }
  });
});
