import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseLockedError, DatabaseVersionError, LocalBackendError } from "../../../cli/local/errors.ts";
import { MIN_CHECKPOINT_BYTES, SqliteDatabase } from "../../../cli/local/sqlite-database.ts";
import { SqliteJoinStore } from "../../../cli/local/sqlite-join-store.ts";
import { SqliteStateStore } from "../../../cli/local/sqlite-state-store.ts";
import type { PredictionItem } from "../../../shared/ports.ts";
import { collect, tempDir } from "./helpers.ts";

const pred = (id: string, extra: Partial<PredictionItem> = {}): PredictionItem => ({
  id, windowStartMs: 0, timestampMs: 1_000, prediction: 1, score: 0.5, version: null, segments: { s: "a" }, ...extra,
});
const clock = { nowMs: () => 0 };

/** Writes a little of everything: a joined label, a pending one, a window and an alert. */
async function writeSome(db: SqliteDatabase): Promise<void> {
  const joins = new SqliteJoinStore(db, clock);
  await joins.putPredictions("m", [pred("a"), pred("b")], 14);
  await joins.putLabels("m", [{ id: "a", label: "yes", timestampMs: 5_000 }, { id: "z", label: 0, timestampMs: 9 }], 14);
  const state = new SqliteStateStore(db);
  await state.putWindow({ model: "m", windowStartMs: 0, evaluatedAtMs: 7, evaluatedRows: 2, lateRowsPublished: 0, performancePublishedAtMs: null, version: 1 }, null);
  await state.putAlert({ model: "m", rule: "r", firing: true, lastNotifiedMs: 7, sinceMs: 7, clearStreak: 0, version: 1 }, null);
}

/** Everything the stores can read back. */
async function readBack(db: SqliteDatabase) {
  const state = new SqliteStateStore(db);
  return {
    window: await collect(new SqliteJoinStore(db, clock).windowPredictions("m", 0)),
    pending: db.all("SELECT id, label FROM pending_labels", []),
    windowState: await state.getWindow("m", 0),
    alertState: await state.getAlert("m", "r"),
  };
}

describe("SqliteDatabase", () => {
  it("keeps everything across close and reopen of the same file", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    await writeSome(db);
    const before = await readBack(db);
    db.close();
    const again = await SqliteDatabase.open(file);
    expect(await readBack(again)).toEqual(before);
    expect(before.window[0].label).toBe("yes");
    expect(before.pending).toEqual([["z", "0"]]);
    again.close();
  });

  it("recovers acknowledged writes from the journal after a crash", async () => {
    const dir = tempDir();
    const db = await SqliteDatabase.open(join(dir, "state.sqlite"));
    await writeSome(db);
    expect(db.stats.checkpoints).toBe(1); // only the one that created the file
    // A crash: the files as they are now, without close() and without the lock.
    copyFileSync(join(dir, "state.sqlite"), join(dir, "crashed.sqlite"));
    copyFileSync(join(dir, "state.sqlite.changes.jsonl"), join(dir, "crashed.sqlite.changes.jsonl"));
    const recovered = await SqliteDatabase.open(join(dir, "crashed.sqlite"));
    expect(recovered.stats.replayedOps).toBeGreaterThan(0);
    expect(await readBack(recovered)).toEqual(await readBack(db));
    expect(statSync(join(dir, "crashed.sqlite.changes.jsonl")).size).toBe(0); // folded into the snapshot at open
    recovered.close();
    db.close();
  });

  it("ignores a journal line torn by a crash", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    await new SqliteJoinStore(db, clock).putPredictions("m", [pred("a")], 14);
    const copy = `${file}.copy`;
    copyFileSync(file, copy);
    copyFileSync(`${file}.changes.jsonl`, `${copy}.changes.jsonl`);
    appendFileSync(`${copy}.changes.jsonl`, '{"g":1,"sql":["DELETE FROM predic');
    db.close();
    const recovered = await SqliteDatabase.open(copy);
    expect((await readBack(recovered)).window.map((p) => p.id)).toEqual(["a"]);
    recovered.close();
  });

  it("skips journal lines already in the snapshot (a checkpoint cut short)", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    await new SqliteJoinStore(db, clock).putPredictions("m", [pred("a")], 14);
    const journal = readFileSync(`${file}.changes.jsonl`);
    db.close(); // checkpoints: the snapshot now holds "a"
    writeFileSync(`${file}.changes.jsonl`, journal); // as if the journal had not been emptied
    const again = await SqliteDatabase.open(file);
    expect(again.stats.replayedOps).toBe(0);
    expect((await readBack(again)).window).toHaveLength(1);
    again.close();
  });

  it("keeps journalling for the snapshot on disk when a checkpoint fails", async () => {
    const dir = tempDir();
    const file = join(dir, "state.sqlite");
    const db = await SqliteDatabase.open(file);
    const joins = new SqliteJoinStore(db, clock);
    await joins.putPredictions("m", [pred("a")], 14);
    const snapshot = readFileSync(file);
    rmSync(file);
    mkdirSync(join(file, "blocker"), { recursive: true }); // the rename over the snapshot now fails
    expect(() => db.checkpoint()).toThrow();
    await joins.putPredictions("m", [pred("b")], 14);
    writeFileSync(join(dir, "crashed.sqlite"), snapshot);
    copyFileSync(`${file}.changes.jsonl`, join(dir, "crashed.sqlite.changes.jsonl"));
    const recovered = await SqliteDatabase.open(join(dir, "crashed.sqlite"));
    expect((await readBack(recovered)).window.map((p) => p.id)).toEqual(["a", "b"]);
    recovered.close();
    rmSync(file, { recursive: true });
    db.close();
  });

  it("checkpoints when the journal outgrows its threshold", { timeout: 60_000 }, async () => {
    const db = await SqliteDatabase.open(join(tempDir(), "state.sqlite"));
    const joins = new SqliteJoinStore(db, clock);
    const wide = { note: "x".repeat(2_000) };
    for (let i = 0; db.stats.checkpoints < 2; i++) {
      await joins.putPredictions("m", Array.from({ length: 500 }, (_, k) => pred(`${i}-${k}`, { segments: wide })), 14);
      expect(db.stats.journalBytes).toBeLessThanOrEqual(MIN_CHECKPOINT_BYTES + 2_000_000);
    }
    expect(db.stats.journalBytes).toBe(0);
    db.close();
  });

  it("journals nothing for a call that changed nothing", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    const joins = new SqliteJoinStore(db, clock);
    await joins.putPredictions("m", [pred("a")], 14);
    const size = statSync(`${file}.changes.jsonl`).size;
    await joins.putPredictions("m", [pred("a")], 14);
    expect(statSync(`${file}.changes.jsonl`).size).toBe(size);
    db.close();
  });

  it("refuses a second open of a file in use, and allows it after close", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    await expect(SqliteDatabase.open(file)).rejects.toBeInstanceOf(DatabaseLockedError);
    db.close();
    const again = await SqliteDatabase.open(file);
    again.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const file = join(tempDir(), "state.sqlite");
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeFileSync(`${file}.lock`, String(gone));
    const db = await SqliteDatabase.open(file);
    expect(readFileSync(`${file}.lock`, "utf8")).toBe(String(process.pid));
    db.close();
  });

  it("names the file when it is not a SQLite database, and releases the lock", async () => {
    const file = join(tempDir(), "state.sqlite");
    writeFileSync(file, "not a database at all, just some text that is long enough ".repeat(20));
    await expect(SqliteDatabase.open(file)).rejects.toThrow(LocalBackendError);
    await expect(SqliteDatabase.open(file)).rejects.toThrow(file);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("refuses a database from a newer schema", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    db.write((tx) => tx.run("PRAGMA user_version = 99", []));
    db.checkpoint();
    db.close();
    await expect(SqliteDatabase.open(file)).rejects.toBeInstanceOf(DatabaseVersionError);
  });

  it("gives a version 1 database the predictions' source column, keeping its rows", async () => {
    const file = join(tempDir(), "state.sqlite");
    const db = await SqliteDatabase.open(file);
    await new SqliteJoinStore(db, clock).putPredictions("m", [pred("a")], 14);
    db.write((tx) => tx.run("ALTER TABLE predictions DROP COLUMN source", []) + tx.run("PRAGMA user_version = 1", []));
    db.checkpoint();
    db.close();
    const again = await SqliteDatabase.open(file);
    try {
      const joins = new SqliteJoinStore(again, clock);
      expect(await joins.putPredictions("m", [pred("a"), pred("b")], 14, "src-1")).toEqual({ inserted: 1, duplicates: 1, joinedEarlyLabels: 0 });
      expect((await collect(joins.windowPredictions("m", 0))).map((p) => [p.id, p.source])).toEqual([["a", null], ["b", "src-1"]]);
    } finally {
      again.close();
    }
  });

  it("rolls back a write that throws", async () => {
    const db = await SqliteDatabase.open(null);
    expect(() =>
      db.write((tx) => {
        tx.run("INSERT INTO alerts (model, rule, state, version) VALUES ('m', 'r', '{}', 1)", []);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db.all("SELECT * FROM alerts", [])).toEqual([]);
    db.close();
  });
});
