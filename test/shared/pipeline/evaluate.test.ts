import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { localBackend } from "../../../cli/local/backend.ts";
import { evaluateModel } from "../../../shared/pipeline/evaluate.ts";
import { ingestObject } from "../../../shared/pipeline/ingest.ts";
import type { MetricDatum, MetricSink } from "../../../shared/ports.ts";
import { tempDir } from "../../cli/helpers.ts";

// The evaluator on the real local backend (folder + SQLite): metrics are sent before the window's
// state says so, and a model without a reference publishes its volume once.
const DAY = 86_400_000;
const W = Date.UTC(2024, 0, 1);

async function bucketWithOneWindow(withReference: boolean) {
  const root = tempDir();
  const put = (key: string, rows: object[]) => {
    mkdirSync(dirname(join(root, key)), { recursive: true });
    writeFileSync(join(root, key), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  };
  const rows = (n: number, day: number) =>
    Array.from({ length: n }, (_, i) => ({ timestamp: new Date(W + day * DAY + i * 1000).toISOString(), request_id: `r${day}-${i}`, features: { x: i % 37, c: ["a", "b"][i % 2] } }));
  mkdirSync(join(root, "monitors"), { recursive: true });
  writeFileSync(join(root, "monitors/m.yaml"), "model: m\nwindow: 1d\nlateness: 1h\n");
  if (withReference) {
    const { buildReferenceFromObject } = await import("../../../shared/pipeline/reference.ts");
    put("reference/m/data.jsonl", rows(1200, -5));
    const b = await localBackend(root, { print: () => {} });
    await buildReferenceFromObject(b, "reference/m/data.jsonl");
    await b.close();
  }
  put("predictions/m/a.jsonl", rows(300, 0));
  const backend = await localBackend(root, { print: () => {} });
  await ingestObject(backend, "predictions/m/a.jsonl");
  return backend;
}

class FlakySink implements MetricSink {
  readonly sent: MetricDatum[] = [];
  failures = 1;
  async put(data: readonly MetricDatum[]): Promise<void> {
    if (this.failures-- > 0) throw new Error("CloudWatch 500");
    this.sent.push(...data);
  }
}

describe("evaluateModel", () => {
  it("retries metrics that failed to send instead of losing them", async () => {
    const backend = await bucketWithOneWindow(true);
    const metrics = new FlakySink();
    const deps = { ...backend, metrics, clock: { nowMs: () => W + 2 * DAY } };
    await expect(evaluateModel(deps, "m")).rejects.toThrow(/CloudWatch 500/);
    expect((await backend.state.getWindow("m", W))?.evaluatedAtMs ?? null).toBeNull();
    const second = await evaluateModel(deps, "m");
    expect(second.evaluatedWindows).toEqual([W]);
    expect(metrics.sent.filter((d) => d.name === "RowCount").map((d) => d.value)).toEqual([300]);
    await evaluateModel(deps, "m");
    expect(metrics.sent.filter((d) => d.name === "RowCount")).toHaveLength(1);
    await backend.close();
  });

  it("publishes volume once for a model without a reference", async () => {
    const backend = await bucketWithOneWindow(false);
    const metrics = new FlakySink();
    metrics.failures = 0;
    const deps = { ...backend, metrics, clock: { nowMs: () => W + 2 * DAY } };
    expect((await evaluateModel(deps, "m")).skippedNoReference).toBe(true);
    await evaluateModel(deps, "m");
    expect(metrics.sent.filter((d) => d.name === "RowCount").map((d) => d.value)).toEqual([300]);
    await backend.close();
  });
});
