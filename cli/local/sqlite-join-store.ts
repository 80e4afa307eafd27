import type { Database, SqlValue, Statement } from "sql.js";
import type {
  Clock,
  JoinedPrediction,
  JoinStore,
  LabelItem,
  LabelWriteResult,
  PredictionItem,
  PredictionWriteResult,
} from "../../shared/ports.ts";
import { finite, fromJson, toJson } from "./sqlite-values.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

const MS_PER_DAY = 86_400_000;
/** Rows per page when reading a window, so no statement stays open across a `yield`. */
const WINDOW_PAGE_ROWS = 1_000;
const systemClock: Clock = { nowMs: () => Date.now() };

/** Runs one prepared statement and says whether it changed a row. */
function changed(d: Database, stmt: Statement, params: SqlValue[]): boolean {
  stmt.run(params);
  return d.getRowsModified() > 0;
}

/**
 * The label join on SQLite, with DynamoJoinStore's semantics (tables `predictions` and
 * `pending_labels`, see `sqlite-database.ts`). An id is stored once per model: a redelivered
 * prediction, a repeat within a call or the same id in another window counts as a duplicate and
 * changes nothing. A label joins an unlabelled prediction (`labelDelayMs` = label time − prediction
 * time) or waits in `pending_labels` until its prediction arrives; a label for an id already
 * labelled or already pending is a duplicate, and the first value stays. Each call is one
 * transaction, so the two orders of arrival cannot race. Rows expire `ttlDays` after they are
 * written, as DynamoDB's TTL does; `purgeExpired` deletes them.
 *
 * @example
 * const joins = new SqliteJoinStore(await SqliteDatabase.open("/tmp/b/.vigil/state.sqlite"));
 * await joins.putLabels("m", [{ id: "r1", label: 1, timestampMs: 65_000 }], 14); // { joined: 0, pending: 1, duplicates: 0 }
 * await joins.putPredictions("m", [{ id: "r1", windowStartMs: 0, timestampMs: 5_000, prediction: 1,
 *   score: 0.9, version: null, segments: {} }], 14); // { inserted: 1, duplicates: 0, joinedEarlyLabels: 1 }
 */
export class SqliteJoinStore implements JoinStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock = systemClock,
  ) {}

  async putPredictions(model: string, items: readonly PredictionItem[], ttlDays: number): Promise<PredictionWriteResult> {
    const expires = this.expiresMs(ttlDays);
    return this.db.write((d) => {
      const insert = d.prepare(
        "INSERT OR IGNORE INTO predictions (model, id, window_start, timestamp_ms, prediction, score, version, segments, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      );
      const pending = d.prepare("SELECT label, timestamp_ms FROM pending_labels WHERE model = ? AND id = ?");
      const join = d.prepare("UPDATE predictions SET label = ?, label_delay_ms = ? WHERE model = ? AND id = ? AND label IS NULL");
      const drop = d.prepare("DELETE FROM pending_labels WHERE model = ? AND id = ?");
      try {
        const result: PredictionWriteResult = { inserted: 0, duplicates: 0, joinedEarlyLabels: 0 };
        for (const p of items) {
          const row = [model, p.id, p.windowStartMs, p.timestampMs, toJson(p.prediction), finite(p.score), p.version, JSON.stringify(p.segments), expires];
          if (!changed(d, insert, row)) {
            result.duplicates++;
            continue;
          }
          result.inserted++;
          const early = pending.get([model, p.id]);
          pending.reset();
          if (early.length === 0) continue;
          join.run([early[0], Number(early[1]) - p.timestampMs, model, p.id]);
          drop.run([model, p.id]);
          result.joinedEarlyLabels++;
        }
        return result;
      } finally {
        for (const s of [insert, pending, join, drop]) s.free();
      }
    });
  }

  async putLabels(model: string, items: readonly LabelItem[], ttlDays: number): Promise<LabelWriteResult> {
    const expires = this.expiresMs(ttlDays);
    return this.db.write((d) => {
      const join = d.prepare("UPDATE predictions SET label = ?, label_delay_ms = ? - timestamp_ms WHERE model = ? AND id = ? AND label IS NULL");
      const exists = d.prepare("SELECT 1 FROM predictions WHERE model = ? AND id = ?");
      const park = d.prepare("INSERT OR IGNORE INTO pending_labels (model, id, label, timestamp_ms, expires_ms) VALUES (?, ?, ?, ?, ?)");
      const hasPrediction = (id: string) => {
        const found = exists.get([model, id]).length > 0;
        exists.reset();
        return found;
      };
      try {
        const result: LabelWriteResult = { joined: 0, pending: 0, duplicates: 0 };
        for (const l of items) {
          const label = toJson(l.label);
          if (changed(d, join, [label, l.timestampMs, model, l.id])) result.joined++;
          // No unlabelled prediction: it is labelled already (a duplicate), or not here yet.
          else if (hasPrediction(l.id)) result.duplicates++;
          else if (changed(d, park, [model, l.id, label, l.timestampMs, expires])) result.pending++;
          else result.duplicates++;
        }
        return result;
      } finally {
        for (const s of [join, exists, park]) s.free();
      }
    });
  }

  async *windowPredictions(model: string, windowStartMs: number): AsyncIterable<JoinedPrediction> {
    for (let after = ""; ; ) {
      const page = this.db.read((d) => {
        const stmt = d.prepare(
          "SELECT id, timestamp_ms, prediction, score, version, segments, label, label_delay_ms FROM predictions WHERE model = ? AND window_start = ? AND id > ? ORDER BY id LIMIT ?",
          [model, windowStartMs, after, WINDOW_PAGE_ROWS],
        );
        const out: JoinedPrediction[] = [];
        try {
          while (stmt.step()) out.push(joinedOfRow(windowStartMs, stmt.get()));
        } finally {
          stmt.free();
        }
        return out;
      });
      yield* page;
      if (page.length < WINDOW_PAGE_ROWS) return;
      after = page[page.length - 1].id;
    }
  }

  /** Deletes predictions and pending labels whose time to live has passed; returns how many. */
  purgeExpired(): number {
    const now = this.clock.nowMs();
    return this.db.write((d) => {
      d.run("DELETE FROM predictions WHERE expires_ms <= ?", [now]);
      const n = d.getRowsModified();
      d.run("DELETE FROM pending_labels WHERE expires_ms <= ?", [now]);
      return n + d.getRowsModified();
    });
  }

  private expiresMs(ttlDays: number): number {
    return this.clock.nowMs() + Math.ceil(ttlDays * MS_PER_DAY);
  }
}

function joinedOfRow(windowStartMs: number, r: SqlValue[]): JoinedPrediction {
  const [id, timestampMs, prediction, score, version, segments, label, delay] = r;
  const labelValue = label === null ? null : (fromJson(label) as JoinedPrediction["label"]);
  return {
    id: String(id),
    windowStartMs,
    timestampMs: Number(timestampMs),
    prediction: fromJson(prediction),
    score: score === null ? null : Number(score),
    version: version === null ? null : String(version),
    segments: JSON.parse(String(segments)) as Record<string, string>,
    label: labelValue,
    labelDelayMs: labelValue === null || delay === null ? null : Number(delay),
  };
}
