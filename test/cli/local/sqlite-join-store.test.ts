import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBackendError } from "../../../cli/local/errors.ts";
import { SqliteDatabase } from "../../../cli/local/sqlite-database.ts";
import { SqliteJoinStore } from "../../../cli/local/sqlite-join-store.ts";
import type { JoinedPrediction, LabelItem, PredictionItem } from "../../../shared/ports.ts";
import { collect, tempDir } from "./helpers.ts";

const DAY_MS = 86_400_000;
const W = Date.UTC(2024, 0, 9);
let now = Date.UTC(2024, 0, 10);
let db: SqliteDatabase;
let joins: SqliteJoinStore;

beforeEach(async () => {
  now = Date.UTC(2024, 0, 10);
  db = await SqliteDatabase.open(join(tempDir(), "state.sqlite"));
  joins = new SqliteJoinStore(db, { nowMs: () => now });
});
afterEach(() => db.close());

const pred = (id: string, extra: Partial<PredictionItem> = {}): PredictionItem => ({
  id, windowStartMs: W, timestampMs: W + 1_000, prediction: 1, score: 0.8, version: "v1", segments: { contact: "cellular" }, ...extra,
});
const label = (id: string, value: LabelItem["label"], timestampMs = W + 61_000): LabelItem => ({ id, label: value, timestampMs });
const windowOf = (model: string, windowStartMs = W): Promise<JoinedPrediction[]> => collect(joins.windowPredictions(model, windowStartMs));
/** Calls `put` with batches of 500 (the pipeline's JOIN_BATCH) and adds up the counts. */
async function inBatches<T>(items: T[], put: (batch: T[]) => Promise<object>): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (let i = 0; i < items.length; i += 500) {
    for (const [k, v] of Object.entries(await put(items.slice(i, i + 500)))) total[k] = (total[k] ?? 0) + (v as number);
  }
  return total;
}
const allRows = () => db.all("SELECT * FROM predictions ORDER BY model, id", []).concat(db.all("SELECT * FROM pending_labels ORDER BY model, id", []));

describe("SqliteJoinStore", () => {
  it("counts none of a source's own ids when it comes back, and another source's as duplicates", async () => {
    await joins.putPredictions("m", [pred("a"), pred("b", { windowStartMs: W + 3_600_000 })], 14, "src-1");
    expect(await joins.putPredictions("m", [pred("a"), pred("a"), pred("c")], 14, "src-1")).toEqual({ inserted: 1, duplicates: 0, joinedEarlyLabels: 0 });
    expect(await joins.putPredictions("m", [pred("b")], 14, "src-1")).toEqual({ inserted: 0, duplicates: 1, joinedEarlyLabels: 0 });
    expect(await joins.putPredictions("m", [pred("a"), pred("d")], 14, "src-2")).toEqual({ inserted: 1, duplicates: 1, joinedEarlyLabels: 0 });
    expect((await windowOf("m")).map((p) => [p.id, p.source])).toEqual([["a", "src-1"], ["c", "src-1"], ["d", "src-2"]]);
  });

  it("releases what a source stored, parks the labels it had joined again, and keeps other sources' ids", async () => {
    await joins.putPredictions("m", [pred("a"), pred("b")], 14, "src-1");
    await joins.putPredictions("m", [pred("c")], 14, "src-2");
    await joins.putLabels("m", [label("a", 1)], 14);
    expect(await joins.releasePredictions("m", [pred("a"), pred("b"), pred("c")], "src-1")).toBe(2);
    expect((await windowOf("m")).map((p) => p.id)).toEqual(["c"]);
    expect(await joins.putPredictions("m", [pred("a"), pred("b")], 14, "src-3")).toEqual({ inserted: 2, duplicates: 0, joinedEarlyLabels: 1 });
    expect((await windowOf("m")).map((p) => [p.id, p.source, p.label, p.labelDelayMs])).toEqual([["a", "src-3", 1, 60_000], ["b", "src-3", null, null], ["c", "src-2", null, null]]);
  });

  it("joins a label that arrives after its prediction", async () => {
    expect(await joins.putPredictions("m", [pred("a"), pred("b")], 14)).toEqual({ inserted: 2, duplicates: 0, joinedEarlyLabels: 0 });
    expect(await joins.putLabels("m", [label("a", 1)], 14)).toEqual({ joined: 1, pending: 0, duplicates: 0 });
    expect(await windowOf("m")).toEqual([
      { ...pred("a"), label: 1, labelDelayMs: 60_000, source: null },
      { ...pred("b"), label: null, labelDelayMs: null, source: null },
    ]);
  });

  it("joins a label that arrives before its prediction, and drops the pending row", async () => {
    expect(await joins.putLabels("m", [label("a", "yes")], 14)).toEqual({ joined: 0, pending: 1, duplicates: 0 });
    expect(await joins.putPredictions("m", [pred("a")], 14)).toEqual({ inserted: 1, duplicates: 0, joinedEarlyLabels: 1 });
    expect(await windowOf("m")).toEqual([{ ...pred("a"), label: "yes", labelDelayMs: 60_000, source: null }]);
    expect(db.all("SELECT * FROM pending_labels", [])).toEqual([]);
  });

  it("measures the delay from prediction to label, negative when the label is older", async () => {
    await joins.putPredictions("m", [pred("a"), pred("b", { timestampMs: W + 90_000 })], 14);
    await joins.putLabels("m", [label("a", 1, W + 3_601_000), label("b", 0, W + 30_000)], 14);
    expect((await windowOf("m")).map((p) => p.labelDelayMs)).toEqual([3_600_000, -60_000]);
  });

  it("counts redelivered predictions as duplicates and changes nothing", async () => {
    await joins.putPredictions("m", [pred("a"), pred("b")], 14);
    await joins.putLabels("m", [label("a", 0)], 14);
    const before = allRows();
    now += DAY_MS; // a later redelivery must not extend the time to live either
    expect(await joins.putPredictions("m", [pred("a", { prediction: 9 }), pred("b")], 14)).toEqual({ inserted: 0, duplicates: 2, joinedEarlyLabels: 0 });
    expect(allRows()).toEqual(before);
  });

  it("counts redelivered labels as duplicates, joined or pending, and keeps the first value", async () => {
    await joins.putPredictions("m", [pred("a")], 14);
    expect(await joins.putLabels("m", [label("a", 1), label("z", 1)], 14)).toEqual({ joined: 1, pending: 1, duplicates: 0 });
    const before = allRows();
    expect(await joins.putLabels("m", [label("a", 0), label("z", 0)], 14)).toEqual({ joined: 0, pending: 0, duplicates: 2 });
    expect(allRows()).toEqual(before);
    expect((await windowOf("m"))[0].label).toBe(1);
  });

  it("counts an id repeated within a call, or in another window, as a duplicate", async () => {
    const r = await joins.putPredictions("m", [pred("a"), pred("a", { prediction: 2 }), pred("a", { windowStartMs: W + 3_600_000 })], 14);
    expect(r).toEqual({ inserted: 1, duplicates: 2, joinedEarlyLabels: 0 });
    expect((await windowOf("m"))[0].prediction).toBe(1);
    expect(await windowOf("m", W + 3_600_000)).toEqual([]);
    expect(await joins.putLabels("m", [label("a", 1), label("a", 0)], 14)).toEqual({ joined: 1, pending: 0, duplicates: 1 });
  });

  it("keeps models apart", async () => {
    await joins.putPredictions("m1", [pred("a")], 14);
    expect(await joins.putPredictions("m2", [pred("a")], 14)).toMatchObject({ inserted: 1, duplicates: 0 });
    expect(await joins.putLabels("m2", [label("a", 0)], 14)).toMatchObject({ joined: 1 });
    expect((await windowOf("m1"))[0].label).toBeNull();
  });

  it("keeps value types of predictions, labels, scores and versions", async () => {
    const items = [
      pred("n", { prediction: 0.125, score: null }),
      pred("s", { prediction: "1", version: null, segments: {} }),
      pred("t", { prediction: true }),
      pred("z", { prediction: null }),
    ];
    await joins.putPredictions("m", items, 14);
    await joins.putLabels("m", [label("n", 0.5), label("s", "dog"), label("t", false)], 14);
    const got = await windowOf("m");
    expect(got.map((p) => [p.prediction, p.label, p.score, p.version])).toEqual([
      [0.125, 0.5, null, "v1"],
      ["1", "dog", 0.8, null],
      [true, false, 0.8, "v1"],
      [null, null, 0.8, "v1"],
    ]);
    expect(got[1].segments).toEqual({});
  });

  it("refuses non-finite numbers, as DynamoDB does, and writes nothing of the call", async () => {
    await expect(joins.putPredictions("m", [pred("a"), pred("b", { score: Number.NaN })], 14)).rejects.toBeInstanceOf(LocalBackendError);
    await expect(joins.putLabels("m", [label("a", Number.POSITIVE_INFINITY)], 14)).rejects.toBeInstanceOf(LocalBackendError);
    expect(allRows()).toEqual([]);
  });

  it("yields a window in id order across pages", async () => {
    const ids = Array.from({ length: 2_500 }, (_, i) => `id-${String(i).padStart(4, "0")}`);
    await joins.putPredictions("m", [...ids].reverse().map((id) => pred(id)), 14);
    expect((await windowOf("m")).map((p) => p.id)).toEqual(ids);
  });

  it("purges rows whose time to live has passed", async () => {
    await joins.putPredictions("m", [pred("a")], 1);
    await joins.putLabels("m", [label("z", 1)], 3);
    now += 2 * DAY_MS;
    expect(joins.purgeExpired()).toBe(1);
    expect(await windowOf("m")).toEqual([]);
    expect(db.all("SELECT id FROM pending_labels", [])).toEqual([["z"]]);
  });

  it("joins 100,000 predictions and labels in batches of 500, both orders", { timeout: 60_000 }, async () => {
    const n = 100_000;
    const preds = Array.from({ length: n }, (_, i) => pred(`r${i}`, { windowStartMs: W + (i % 4) * DAY_MS }));
    const labels = preds.map((p, i) => label(p.id, i % 2));
    const early = labels.filter((_, i) => i % 10 === 0);
    const l1 = await inBatches(early, (b) => joins.putLabels("big", b, 14));
    const p = await inBatches(preds, (b) => joins.putPredictions("big", b, 14));
    const l2 = await inBatches(labels, (b) => joins.putLabels("big", b, 14));
    expect(l1).toEqual({ joined: 0, pending: 10_000, duplicates: 0 });
    expect(p).toEqual({ inserted: n, duplicates: 0, joinedEarlyLabels: 10_000 });
    expect(l2).toEqual({ joined: 90_000, pending: 0, duplicates: 10_000 });
    const w = await windowOf("big", W + DAY_MS);
    expect(w).toHaveLength(25_000);
    expect(w.every((x) => x.label === Number(x.id.slice(1)) % 2)).toBe(true);
  });
});
