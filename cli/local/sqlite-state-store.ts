import type { AlertState, StateStore, WindowState } from "../../shared/ports.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";
import type { Param } from "./sqlite-journal.ts";
import { finite, recordJson } from "./sqlite-values.ts";

/** A table of versioned state rows: its name and the column that names the row within a model. */
type StateTable = { table: "windows"; key: "window_start" } | { table: "alerts"; key: "rule" };
const WINDOWS: StateTable = { table: "windows", key: "window_start" };
const ALERTS: StateTable = { table: "alerts", key: "rule" };

/**
 * Evaluation state on SQLite (tables `windows` and `alerts`), with DynamoStateStore's semantics:
 * `put*` store the state as given (the caller sets the new `version`) only if the stored version
 * is `expectedVersion`, or, when it is null, only if there is no row yet; false on a conflict,
 * and nothing changes. Optimistic locking, as on DynamoDB: the local runner may evaluate windows
 * concurrently just as Lambdas do.
 *
 * @example
 * const state = new SqliteStateStore(db);
 * await state.putAlert({ model: "m", rule: "drift", firing: true, lastNotifiedMs: 5, sinceMs: 5, version: 1 }, null); // true
 * await state.putAlert({ model: "m", rule: "drift", firing: false, lastNotifiedMs: 9, sinceMs: null, version: 2 }, 0); // false
 */
export class SqliteStateStore implements StateStore {
  constructor(private readonly db: SqliteDatabase) {}

  async getWindow(model: string, windowStartMs: number): Promise<WindowState | null> {
    const row = this.get(WINDOWS, model, windowStartMs);
    if (!row) return null;
    const s = row.state as Partial<WindowState>;
    return {
      model,
      windowStartMs,
      evaluatedAtMs: s.evaluatedAtMs ?? null,
      evaluatedRows: s.evaluatedRows ?? 0,
      lateRowsPublished: s.lateRowsPublished ?? 0,
      performancePublishedAtMs: s.performancePublishedAtMs ?? null,
      version: row.version,
    };
  }

  async putWindow(s: WindowState, expectedVersion: number | null): Promise<boolean> {
    const { evaluatedAtMs, evaluatedRows, lateRowsPublished, performancePublishedAtMs } = s;
    const state = { evaluatedAtMs, evaluatedRows, lateRowsPublished, performancePublishedAtMs };
    return this.put(WINDOWS, s.model, s.windowStartMs, state, s.version, expectedVersion);
  }

  async getAlert(model: string, rule: string): Promise<AlertState | null> {
    const row = this.get(ALERTS, model, rule);
    if (!row) return null;
    const s = row.state as Partial<AlertState>;
    return { model, rule, firing: s.firing ?? false, lastNotifiedMs: s.lastNotifiedMs ?? null, sinceMs: s.sinceMs ?? null, clearStreak: s.clearStreak ?? 0, fireStreak: s.fireStreak ?? 0, version: row.version };
  }

  async putAlert(s: AlertState, expectedVersion: number | null): Promise<boolean> {
    const state = { firing: s.firing, lastNotifiedMs: s.lastNotifiedMs, sinceMs: s.sinceMs, clearStreak: s.clearStreak, fireStreak: s.fireStreak ?? 0 };
    return this.put(ALERTS, s.model, s.rule, state, s.version, expectedVersion);
  }

  private get(t: StateTable, model: string, key: Param): { state: Record<string, unknown>; version: number } | null {
    const row = this.db.get(`SELECT state, version FROM ${t.table} WHERE model = ? AND ${t.key} = ?`, [model, key]);
    return row ? { state: JSON.parse(String(row[0])) as Record<string, unknown>, version: Number(row[1]) } : null;
  }

  private put(t: StateTable, model: string, key: Param, state: Record<string, unknown>, version: number, expected: number | null): boolean {
    const json = recordJson(state);
    finite(version);
    return this.db.write((tx) =>
      expected === null
        ? tx.run(`INSERT OR IGNORE INTO ${t.table} (model, ${t.key}, state, version) VALUES (?, ?, ?, ?)`, [model, key, json, version]) > 0
        : tx.run(`UPDATE ${t.table} SET state = ?, version = ? WHERE model = ? AND ${t.key} = ? AND version = ?`, [json, version, model, key, expected]) > 0,
    );
  }
}
