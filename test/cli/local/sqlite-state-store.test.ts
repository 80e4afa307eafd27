import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBackendError } from "../../../cli/local/errors.ts";
import { SqliteDatabase } from "../../../cli/local/sqlite-database.ts";
import { SqliteStateStore } from "../../../cli/local/sqlite-state-store.ts";
import type { AlertState, WindowState } from "../../../shared/ports.ts";
import { tempDir } from "./helpers.ts";

const W = Date.UTC(2024, 0, 9);
let db: SqliteDatabase;
let state: SqliteStateStore;
beforeEach(async () => {
  db = await SqliteDatabase.open(join(tempDir(), "state.sqlite"));
  state = new SqliteStateStore(db);
});
afterEach(() => db.close());

const win = (extra: Partial<WindowState> = {}): WindowState => ({
  model: "m", windowStartMs: W, evaluatedAtMs: null, evaluatedRows: 0, lateRowsPublished: 0, performancePublishedAtMs: null, version: 1, ...extra,
});
const alert = (extra: Partial<AlertState> = {}): AlertState => ({ model: "m", rule: "feature_drift", firing: true, lastNotifiedMs: W, sinceMs: W, clearStreak: 0, fireStreak: 0, version: 1, ...extra });

describe("SqliteStateStore", () => {
  it("returns null for state never written", async () => {
    expect(await state.getWindow("m", W)).toBeNull();
    expect(await state.getAlert("m", "feature_drift")).toBeNull();
  });

  it("creates a window only when none exists (expectedVersion null)", async () => {
    expect(await state.putWindow(win({ evaluatedAtMs: W + 5, evaluatedRows: 120 }), null)).toBe(true);
    expect(await state.putWindow(win({ evaluatedRows: 999 }), null)).toBe(false);
    expect(await state.getWindow("m", W)).toEqual(win({ evaluatedAtMs: W + 5, evaluatedRows: 120 }));
  });

  it("updates a window only from the expected version", async () => {
    await state.putWindow(win(), null);
    expect(await state.putWindow(win({ lateRowsPublished: 3, version: 2 }), 1)).toBe(true);
    expect(await state.putWindow(win({ lateRowsPublished: 7, version: 2 }), 1)).toBe(false);
    expect(await state.putWindow(win({ version: 9 }), 5)).toBe(false);
    expect(await state.getWindow("m", W)).toEqual(win({ lateRowsPublished: 3, version: 2 }));
  });

  it("fails an update of a window that does not exist", async () => {
    expect(await state.putWindow(win({ version: 2 }), 1)).toBe(false);
    expect(await state.getWindow("m", W)).toBeNull();
  });

  it("lets exactly one of two racing writers of the same version win", async () => {
    await state.putAlert(alert(), null);
    const results = await Promise.all([state.putAlert(alert({ firing: false, version: 2 }), 1), state.putAlert(alert({ sinceMs: 7, version: 2 }), 1)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("round-trips alert state, nulls included", async () => {
    await state.putAlert(alert(), null);
    expect(await state.putAlert(alert({ firing: false, lastNotifiedMs: W + 9, sinceMs: null, version: 2 }), 1)).toBe(true);
    expect(await state.getAlert("m", "feature_drift")).toEqual(alert({ firing: false, lastNotifiedMs: W + 9, sinceMs: null, version: 2 }));
  });

  it("keeps windows and rules of different models apart", async () => {
    await state.putWindow(win(), null);
    await state.putAlert(alert(), null);
    expect(await state.putWindow(win({ model: "other" }), null)).toBe(true);
    expect(await state.putAlert(alert({ model: "other" }), null)).toBe(true);
    expect(await state.putAlert(alert({ rule: "accuracy_drop" }), null)).toBe(true);
  });

  it("refuses a non-finite number in the state", async () => {
    await expect(state.putWindow(win({ evaluatedAtMs: Number.NaN }), null)).rejects.toBeInstanceOf(LocalBackendError);
    expect(await state.getWindow("m", W)).toBeNull();
  });
});
