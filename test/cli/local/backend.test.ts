import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localBackend } from "../../../cli/local/backend.ts";
import { ManualClock } from "../../../cli/local/clock.ts";
import { DatabaseLockedError } from "../../../cli/local/errors.ts";
import { evaluateModel } from "../../../shared/pipeline/evaluate.ts";
import { ingestObject } from "../../../shared/pipeline/ingest.ts";
import { ingestLabels } from "../../../shared/pipeline/labels.ts";
import { buildReferenceFromObject } from "../../../shared/pipeline/reference.ts";
import { collect, tempDir } from "./helpers.ts";

const DAY_MS = 86_400_000;
const D0 = Date.UTC(2024, 0, 1);

/** Rows of one day: feature x shifts by 3 on a drifted day; the model is right 9 times in 10. */
function rows(day: number, drifted: boolean, n = 200) {
  return Array.from({ length: n }, (_, i) => ({
    timestamp: new Date(day + Math.floor((i * DAY_MS) / n)).toISOString(),
    request_id: `r-${day}-${i}`,
    features: { x: (drifted ? 3 : 0) + ((i * 37) % 100) / 25 - 2, c: ["a", "b", "c"][i % 3] },
    prediction: i % 10 === 0 ? 1 - (i % 2) : i % 2,
    label: i % 2,
  }));
}
const jsonl = (xs: object[]) => xs.map((x) => JSON.stringify(x)).join("\n") + "\n";

describe("localBackend", () => {
  it("keeps its files under <root>/.vigil, out of listings", async () => {
    const root = tempDir();
    const local = await localBackend(root, { print: () => {} });
    await local.objects.put("monitors/m.yaml", "model: m\n");
    await local.metrics.put([{ name: "RowCount", value: 1, timestampMs: D0, dimensions: { Model: "m" } }]);
    expect(existsSync(join(root, ".vigil", "state.sqlite"))).toBe(true);
    expect(existsSync(join(root, ".vigil", "metrics.jsonl"))).toBe(true);
    expect((await collect(local.objects.list(""))).map((o) => o.key)).toEqual(["monitors/m.yaml"]);
    local.close();
  });

  it("refuses a second backend on the same folder while the first is open", async () => {
    const root = tempDir();
    const local = await localBackend(root, { print: () => {} });
    await expect(localBackend(root, { print: () => {} })).rejects.toBeInstanceOf(DatabaseLockedError);
    local.close();
    (await localBackend(root, { print: () => {} })).close();
    expect(readdirSync(join(root, ".vigil")).filter((f) => f.endsWith(".lock"))).toEqual([]);
  });

  it("purges expired join rows when it opens", async () => {
    const root = tempDir();
    const clock = new ManualClock(D0);
    const first = await localBackend(root, { print: () => {}, clock });
    await first.joins.putLabels("m", [{ id: "a", label: 1, timestampMs: D0 }], 1);
    first.close();
    clock.advance(2 * DAY_MS);
    const second = await localBackend(root, { print: () => {}, clock });
    expect(second.database.all("SELECT id FROM pending_labels", [])).toEqual([]);
    second.close();
  });

  it("runs the pipeline steps of the Lambdas: reference, ingest twice, labels first, evaluate", { timeout: 60_000 }, async () => {
    const root = tempDir();
    const lines: string[] = [];
    const clock = new ManualClock(D0 + 3 * DAY_MS);
    const local = await localBackend(root, { print: (l) => lines.push(l), clock });
    await local.objects.put("monitors/bank.yaml", "model: bank\nwindow: 1d\nlateness: 1h\nlabels: {minCoverage: 0.8, maxWait: 30d}\n");
    await local.objects.put("reference/bank/data.jsonl", jsonl([...rows(D0 - 9 * DAY_MS, false), ...rows(D0 - 8 * DAY_MS, false)]));
    expect(await buildReferenceFromObject(local, "reference/bank/data.jsonl")).not.toBeNull();
    const day1 = rows(D0 + DAY_MS, true);
    await local.objects.put("labels/bank/early.jsonl", jsonl(day1.map((r) => ({ request_id: r.request_id, label: r.label }))));
    expect(await ingestLabels(local, "labels/bank/early.jsonl")).toMatchObject({ labels: 200, pending: 200 });
    await local.objects.put("predictions/bank/day0.jsonl", jsonl(rows(D0, false)));
    await local.objects.put("predictions/bank/day1.jsonl", jsonl(day1));
    for (const key of ["predictions/bank/day0.jsonl", "predictions/bank/day1.jsonl", "predictions/bank/day0.jsonl"]) await ingestObject(local, key);
    await local.objects.put("labels/bank/late.jsonl", jsonl(rows(D0, false).map((r) => ({ request_id: r.request_id, label: r.label }))));
    expect(await ingestLabels(local, "labels/bank/late.jsonl")).toMatchObject({ joined: 200 });
    const run = await evaluateModel(local, "bank");
    expect(run.evaluatedWindows).toEqual([D0, D0 + DAY_MS]);
    expect((await local.metrics.query("RowCount", { Model: "bank" })).map((d) => [d.timestampMs, d.value])).toEqual([[D0, 200], [D0 + DAY_MS, 200]]);
    expect((await local.metrics.query("Accuracy", { Model: "bank" })).map((d) => d.value)).toEqual([0.9, 0.9]);
    expect((await local.metrics.query("DriftDetected", { Model: "bank", Feature: "x" })).map((d) => d.value)).toEqual([0, 1]);
    expect(lines.some((l) => l.startsWith("alert "))).toBe(true);
    expect((await evaluateModel(local, "bank")).evaluatedWindows).toEqual([]); // nothing published twice
    local.close();
  });
});
