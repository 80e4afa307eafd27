import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SqliteDatabase } from "../../../cli/local/sqlite-database.ts";
import { SqliteJoinStore } from "../../../cli/local/sqlite-join-store.ts";
import type { JoinedPrediction, LabelItem, PredictionItem } from "../../../shared/ports.ts";
import { collect } from "./helpers.ts";

const W = [0, 3_600_000];

/** One id's fate: its prediction and label (either may never come), each delivered 1–3 times. */
const idCase = fc.record({
  prediction: fc.option(fc.record({ window: fc.constantFrom(...W), at: fc.integer({ min: 0, max: 10_000 }), value: fc.oneof(fc.integer(), fc.string(), fc.boolean()) })),
  label: fc.option(fc.record({ at: fc.integer({ min: 0, max: 20_000 }), value: fc.oneof(fc.integer(), fc.string(), fc.boolean()) })),
  copies: fc.integer({ min: 1, max: 3 }),
});

type Delivery = { kind: "p"; item: PredictionItem } | { kind: "l"; item: LabelItem };

/** A permutation of the deliveries and the sizes of the calls they are cut into. */
const scenario = fc.array(idCase, { minLength: 1, maxLength: 12 }).chain((cases) => {
  const deliveries: Delivery[] = cases.flatMap((c, i) => {
    const id = `id-${i}`;
    const out: Delivery[] = [];
    for (let k = 0; k < c.copies; k++) {
      if (c.prediction) out.push({ kind: "p", item: { id, windowStartMs: c.prediction.window, timestampMs: c.prediction.window + c.prediction.at, prediction: c.prediction.value, score: null, version: null, segments: {} } });
      if (c.label) out.push({ kind: "l", item: { id, label: c.label.value, timestampMs: c.label.at } });
    }
    return out;
  });
  return fc.tuple(fc.constant(cases), fc.shuffledSubarray(deliveries, { minLength: deliveries.length, maxLength: deliveries.length }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: deliveries.length, maxLength: deliveries.length }));
});

/** Runs the deliveries as calls of consecutive same-kind deliveries, at most `cut` per call. */
async function deliver(joins: SqliteJoinStore, order: Delivery[], cuts: number[]) {
  const totals = { inserted: 0, duplicatePredictions: 0, joinedEarly: 0, joined: 0, pending: 0, duplicateLabels: 0 };
  for (let i = 0, c = 0; i < order.length; c++) {
    const kind = order[i].kind;
    let j = i;
    while (j < order.length && order[j].kind === kind && j - i < cuts[c]) j++;
    const batch = order.slice(i, j).map((d) => d.item);
    if (kind === "p") {
      const r = await joins.putPredictions("m", batch as PredictionItem[], 14);
      totals.inserted += r.inserted;
      totals.duplicatePredictions += r.duplicates;
      totals.joinedEarly += r.joinedEarlyLabels;
    } else {
      const r = await joins.putLabels("m", batch as LabelItem[], 14);
      totals.joined += r.joined;
      totals.pending += r.pending;
      totals.duplicateLabels += r.duplicates;
    }
    i = j;
  }
  return totals;
}

describe("SqliteJoinStore (property)", () => {
  it("gives the same joined result for any interleaving of predictions and labels", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([cases, order, cuts]) => {
        const db = await SqliteDatabase.open(null);
        const joins = new SqliteJoinStore(db, { nowMs: () => 0 });
        try {
          const totals = await deliver(joins, order, cuts);
          const got = (await Promise.all(W.map((w) => collect(joins.windowPredictions("m", w))))).flat();
          const expected: JoinedPrediction[] = cases.flatMap((c, i) =>
            c.prediction
              ? [{ id: `id-${i}`, windowStartMs: c.prediction.window, timestampMs: c.prediction.window + c.prediction.at, prediction: c.prediction.value, score: null, version: null, segments: {},
                  label: c.label ? c.label.value : null, labelDelayMs: c.label ? c.label.at - (c.prediction.window + c.prediction.at) : null, source: null }]
              : [],
          );
          const byId = (a: JoinedPrediction, b: JoinedPrediction) => (a.id < b.id ? -1 : 1);
          expect(got.sort(byId)).toEqual(expected.sort(byId));
          const predicted = cases.filter((c) => c.prediction).length;
          const labelled = cases.filter((c) => c.label).length;
          const both = cases.filter((c) => c.prediction && c.label).length;
          expect(totals.inserted).toBe(predicted);
          expect(totals.inserted + totals.duplicatePredictions).toBe(order.filter((d) => d.kind === "p").length);
          expect(totals.joined + totals.joinedEarly).toBe(both);
          expect(totals.joined + totals.pending).toBe(labelled);
          expect(totals.pending - totals.joinedEarly).toBe(labelled - both); // still waiting
          expect(totals.joined + totals.pending + totals.duplicateLabels).toBe(order.filter((d) => d.kind === "l").length);
        } finally {
          db.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
