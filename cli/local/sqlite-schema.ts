import type { Database } from "sql.js";
import { DatabaseVersionError } from "./errors.ts";

/** The table layout's version, kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 2;

/**
 * The tables of the local state database. `predictions` and `pending_labels` are the label join
 * (DynamoDB's prediction, id-index and pending-label items: one row per model and id does the
 * index's job), `windows` and `alerts` the evaluation state. Values of predictions and labels are
 * JSON, so 1, "1" and true stay apart. `expires_ms` plays DynamoDB's TTL attribute. `meta` holds
 * the snapshot generation the journal is checked against. The window index carries `id` so a
 * window reads in id order, as a DynamoDB Query on the sort key does. `source` is the object that
 * stored a prediction (version 2; version 1 files gain the column, null for their rows).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS predictions (
  model TEXT NOT NULL, id TEXT NOT NULL, window_start INTEGER NOT NULL, timestamp_ms INTEGER NOT NULL,
  prediction TEXT NOT NULL, score REAL, version TEXT, segments TEXT NOT NULL,
  label TEXT, label_delay_ms INTEGER, expires_ms INTEGER NOT NULL, source TEXT,
  PRIMARY KEY (model, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS predictions_window ON predictions (model, window_start, id);
CREATE TABLE IF NOT EXISTS pending_labels (
  model TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL, timestamp_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL,
  PRIMARY KEY (model, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS windows (
  model TEXT NOT NULL, window_start INTEGER NOT NULL, state TEXT NOT NULL, version INTEGER NOT NULL,
  PRIMARY KEY (model, window_start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alerts (
  model TEXT NOT NULL, rule TEXT NOT NULL, state TEXT NOT NULL, version INTEGER NOT NULL,
  PRIMARY KEY (model, rule)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);
`;

/**
 * Creates the tables that are missing. A database from a newer layout is refused rather than
 * misread.
 *
 * @throws DatabaseVersionError when the file's `user_version` is above SCHEMA_VERSION
 * @example
 * migrate(new SQL.Database(), ":memory:"); // tables created, user_version = 2
 */
export function migrate(db: Database, name: string): void {
  const found = Number(db.exec("PRAGMA user_version")[0].values[0][0]);
  if (found > SCHEMA_VERSION) throw new DatabaseVersionError(name, found, SCHEMA_VERSION);
  if (found === 1) db.exec("ALTER TABLE predictions ADD COLUMN source TEXT;");
  // The rollback journal lives in sql.js's memory either way; MEMORY skips its file emulation.
  db.exec(`PRAGMA journal_mode = MEMORY; ${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION};`);
}

/**
 * The snapshot generation, raised by one at every checkpoint.
 *
 * @example
 * generationOf(db); // 0 for a new database
 */
export function generationOf(db: Database): number {
  return Number(db.exec("SELECT value FROM meta WHERE key = 'generation'")[0].values[0][0]);
}

/** Sets the snapshot generation (see SqliteDatabase.checkpoint). */
export function setGeneration(db: Database, generation: number): void {
  db.run("UPDATE meta SET value = ? WHERE key = 'generation'", [generation]);
}
