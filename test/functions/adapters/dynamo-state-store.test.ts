import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoStateStore } from "../../../functions/adapters/dynamo-state-store.ts";
import type { AlertState, WindowState } from "../../../shared/ports.ts";
import { awsClients, createVigilTable, startMoto, type Moto } from "../../helpers/moto.ts";

let moto: Moto;
let ddb: DynamoDBClient;
let state: DynamoStateStore;

beforeAll(async () => {
  moto = await startMoto();
  ddb = awsClients(moto.endpoint).dynamodb;
  await createVigilTable(ddb, "vigil");
  state = new DynamoStateStore(ddb, "vigil");
});
afterAll(async () => {
  ddb?.destroy();
  await moto?.stop();
});

const W = Date.UTC(2024, 0, 9);
const fresh: WindowState = {
  model: "m", windowStartMs: W, evaluatedAtMs: W + 7_200_000, evaluatedRows: 1_234, lateRowsPublished: 0,
  performancePublishedAtMs: null, version: 1,
};
const alert: AlertState = { model: "m", rule: "feature_drift", firing: true, lastNotifiedMs: W, sinceMs: W - 60_000, clearStreak: 0, fireStreak: 0, version: 1 };

describe("DynamoStateStore", () => {
  it("returns null for state never written", async () => {
    expect(await state.getWindow("m", 0)).toBeNull();
    expect(await state.getAlert("m", "nope")).toBeNull();
  });

  it("creates window state once when the expected version is null", async () => {
    expect(await state.putWindow(fresh, null)).toBe(true);
    expect(await state.putWindow({ ...fresh, evaluatedRows: 1 }, null)).toBe(false);
    expect(await state.getWindow("m", W)).toEqual(fresh);
  });

  it("updates window state only from the expected version", async () => {
    const next = { ...fresh, lateRowsPublished: 5, performancePublishedAtMs: W + 1, version: 2 };
    expect(await state.putWindow(next, 1)).toBe(true);
    expect(await state.putWindow({ ...next, lateRowsPublished: 99, version: 2 }, 1)).toBe(false);
    expect(await state.getWindow("m", W)).toEqual(next);
  });

  it("lets exactly one of two concurrent writers win", async () => {
    const w = { ...fresh, windowStartMs: W + 1, version: 1 };
    await state.putWindow(w, null);
    const wins = await Promise.all([1, 2, 3, 4].map((n) => state.putWindow({ ...w, evaluatedRows: n, version: 2 }, 1)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("keeps alert state per rule with optimistic locking", async () => {
    expect(await state.putAlert(alert, null)).toBe(true);
    expect(await state.getAlert("m", "feature_drift")).toEqual(alert);
    const resolved = { ...alert, firing: false, sinceMs: null, lastNotifiedMs: W + 1, version: 2 };
    expect(await state.putAlert(resolved, 2)).toBe(false);
    expect(await state.putAlert(resolved, 1)).toBe(true);
    expect(await state.getAlert("m", "feature_drift")).toEqual(resolved);
    expect(await state.getAlert("other", "feature_drift")).toBeNull();
  });
});
