import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import initSqlJs, { type Database, type SqlValue } from "sql.js";
import { writeFileAtomicSync } from "./atomic-write.ts";
import { DatabaseVersionError, LocalBackendError } from "./errors.ts";
import { acquireLock, releaseLock } from "./file-lock.ts";

/** The table layout's version, kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS predictions (
  model TEXT NOT NULL, id TEXT NOT NULL, window_start INTEGER NOT NULL, timestamp_ms INTEGER NOT NULL,
  prediction TEXT NOT NULL, score REAL, version TEXT, segments TEXT NOT NULL,
  label TEXT, label_delay_ms INTEGER, expires_ms INTEGER NOT NULL,
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
`;

let engine: ReturnType<typeof initSqlJs> | undefined;

/** What persisting has cost so far: exports written, their total milliseconds, the last size. */
export interface FlushStats {
  flushes: number;
  totalMs: number;
  lastBytes: number;
}

/**
 * One SQLite database for the join and state stores, on sql.js (SQLite compiled to WebAssembly:
 * no native build, so a fresh clone runs at once). sql.js works in memory: `open` loads the file,
 * and every `write` that changed a row ends by exporting the whole database and renaming it over
 * the file, so a returned write is on disk and a crash leaves the previous or the new file, never
 * a torn one. The export costs time in proportion to the database's size (see `flushStats`).
 * A lock file (`<file>.lock`, holding the pid) keeps a second process from opening the same file.
 *
 * sql.js is synchronous, so a `write` runs as one transaction that no other call can interleave:
 * the conditional writes of the stores are atomic without retries.
 *
 * @example
 * const db = await SqliteDatabase.open("/tmp/bucket/.vigil/state.sqlite");
 * db.write((d) => d.run("DELETE FROM alerts WHERE model = ?", ["m"]));
 * db.close();
 */
export class SqliteDatabase {
  readonly flushStats: FlushStats = { flushes: 0, totalMs: 0, lastBytes: 0 };
  private flushedChanges = 0;
  private closed = false;

  private constructor(
    private readonly db: Database,
    /** The database file, or null for a database that lives in memory only (tests). */
    readonly file: string | null,
  ) {}

  /** Opens (or creates) the database file; `null` gives an in-memory database that is never written. */
  static async open(file: string | null): Promise<SqliteDatabase> {
    const SQL = await (engine ??= initSqlJs());
    const path = file === null ? null : resolve(file);
    if (path !== null) {
      mkdirSync(dirname(path), { recursive: true });
      acquireLock(path);
    }
    try {
      const db = new SQL.Database(path !== null && existsSync(path) ? readFileSync(path) : undefined);
      const opened = new SqliteDatabase(db, path);
      opened.migrate();
      return opened;
    } catch (e) {
      if (path !== null) releaseLock(path);
      if (e instanceof LocalBackendError) throw e;
      throw new LocalBackendError(`${path}: cannot open as a SQLite database (${(e as Error).message})`, { cause: e });
    }
  }

  /** Runs `fn` in one transaction (rolled back if it throws), then persists if anything changed. */
  write<T>(fn: (db: Database) => T): T {
    this.db.run("BEGIN IMMEDIATE");
    let result: T;
    try {
      result = fn(this.db);
      this.db.run("COMMIT");
    } catch (e) {
      this.db.run("ROLLBACK");
      throw e;
    }
    this.flush();
    return result;
  }

  /** Runs a read-only `fn`. */
  read<T>(fn: (db: Database) => T): T {
    return fn(this.db);
  }

  /** Writes the database to its file (atomically) when rows changed since the last flush. */
  flush(): void {
    const changes = Number(this.db.exec("SELECT total_changes()")[0].values[0][0]);
    if (this.file === null || changes === this.flushedChanges) return;
    const t0 = performance.now();
    const bytes = this.db.export();
    writeFileAtomicSync(this.file, bytes);
    this.flushedChanges = changes;
    this.flushStats.flushes++;
    this.flushStats.totalMs += performance.now() - t0;
    this.flushStats.lastBytes = bytes.byteLength;
  }

  /** Flushes, frees the database and releases the lock. Calling it again does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      this.db.close();
      if (this.file !== null) releaseLock(this.file);
    }
  }

  private migrate(): void {
    const found = Number(this.db.exec("PRAGMA user_version")[0].values[0][0]);
    if (found > SCHEMA_VERSION) throw new DatabaseVersionError(this.file ?? ":memory:", found, SCHEMA_VERSION);
    this.db.exec(`PRAGMA journal_mode = MEMORY; ${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION};`);
    this.flushedChanges = Number(this.db.exec("SELECT total_changes()")[0].values[0][0]);
    if (this.file !== null && !existsSync(this.file)) this.flushedChanges = -1; // write the new file now
    this.flush();
  }
}

/** Rows of a prepared query as objects. */
export function rows(db: Database, sql: string, params: SqlValue[]): Record<string, SqlValue>[] {
  const stmt = db.prepare(sql, params);
  try {
    const out: Record<string, SqlValue>[] = [];
    while (stmt.step()) out.push(stmt.getAsObject());
    return out;
  } finally {
    stmt.free();
  }
}
