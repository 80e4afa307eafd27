import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBackendError } from "../../../cli/local/errors.ts";
import { LocalMetricStore } from "../../../cli/local/local-metric-store.ts";
import { DIMENSION, METRIC } from "../../../shared/names.ts";
import type { MetricDatum } from "../../../shared/ports.ts";
import { tempDir } from "./helpers.ts";

const W = Date.UTC(2008, 8, 1);
const datum = (name: string, value: number, dimensions: Record<string, string> = { [DIMENSION.Model]: "bank" }, timestampMs = W): MetricDatum => ({
  name, value, timestampMs, dimensions, unit: "None",
});

describe("LocalMetricStore", () => {
  it("round-trips datums through a JSON Lines file, creating its folder", async () => {
    const store = new LocalMetricStore(join(tempDir(), ".vigil", "metrics.jsonl"));
    const data = [datum(METRIC.RowCount, 1_200), datum(METRIC.DriftScore, 0.21, { Model: "bank", Feature: "age" })];
    await store.put(data);
    await store.put([datum(METRIC.Accuracy, 0.9)]);
    expect(await store.readAll()).toEqual([...data, datum(METRIC.Accuracy, 0.9)]);
  });

  it("returns no datums before the first put", async () => {
    expect(await new LocalMetricStore(join(tempDir(), "metrics.jsonl")).readAll()).toEqual([]);
  });

  it("drops and counts non-finite values, as the CloudWatch adapter does", async () => {
    const store = new LocalMetricStore(join(tempDir(), "metrics.jsonl"));
    await store.put([datum(METRIC.F1, Number.NaN), datum(METRIC.MAPE, Number.POSITIVE_INFINITY), datum(METRIC.F1, 0.5)]);
    expect(store.drops.nonFinite).toBe(2);
    expect((await store.readAll()).map((d) => d.value)).toEqual([0.5]);
  });

  it("queries one metric by name and exact dimensions, in time order", async () => {
    const store = new LocalMetricStore(join(tempDir(), "metrics.jsonl"));
    await store.put([
      datum(METRIC.DriftScore, 0.3, { Model: "bank", Feature: "age" }, W + 2),
      datum(METRIC.DriftScore, 0.1, { Model: "bank", Feature: "age" }, W + 1),
      datum(METRIC.DriftScore, 0.9, { Model: "bank", Feature: "job" }, W),
      datum(METRIC.DriftScore, 0.5, { Model: "bank" }, W),
      datum(METRIC.RowCount, 7, { Model: "bank", Feature: "age" }, W),
    ]);
    expect((await store.query(METRIC.DriftScore, { Model: "bank", Feature: "age" })).map((d) => d.value)).toEqual([0.1, 0.3]);
    expect((await store.query(METRIC.DriftScore, { Model: "bank" })).map((d) => d.value)).toEqual([0.5]);
  });

  it("keeps every line whole when puts overlap", async () => {
    const store = new LocalMetricStore(join(tempDir(), "metrics.jsonl"));
    const big = (i: number) => Array.from({ length: 200 }, (_, k) => datum(METRIC.DriftScore, i * 1_000 + k, { Model: "bank", Feature: `f${"x".repeat(500)}${k}` }));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(big(i))));
    expect(await store.readAll()).toHaveLength(2_000);
  });

  it("leaves out a last line torn by a crash", async () => {
    const file = join(tempDir(), "metrics.jsonl");
    const store = new LocalMetricStore(file);
    await store.put([datum(METRIC.RowCount, 1)]);
    appendFileSync(file, '{"name":"RowCo');
    expect(await store.readAll()).toEqual([datum(METRIC.RowCount, 1)]);
  });

  it("names the file and line of a line that is not a datum", async () => {
    const file = join(tempDir(), "metrics.jsonl");
    writeFileSync(file, 'nonsense\n{"name":"RowCount"}\n');
    await expect(new LocalMetricStore(file).readAll()).rejects.toThrow(new LocalBackendError(`${file}:1: not a metric datum`));
  });
});
