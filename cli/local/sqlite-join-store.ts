import type {
  Clock,
  JoinedPrediction,
  JoinStore,
  LabelItem,
  LabelWriteResult,
  PredictionItem,
  PredictionWriteResult,
} from "../../shared/ports.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";
import type { Param } from "./sqlite-journal.ts";
import { finite, fromJson, toJson } from "./sqlite-values.ts";

const MS_PER_DAY = 86_400_000;
/** Rows per page when reading a window (keyset pages, as DynamoDB's Query pages). */
const WINDOW_PAGE_ROWS = 1_000;
const systemClock: Clock = { nowMs: () => Date.now() };

const INSERT_PREDICTION =
  "INSERT OR IGNORE INTO predictions (model, id, window_start, timestamp_ms, prediction, score, version, segments, expires_ms, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const HOLDER = "SELECT window_start, source FROM predictions WHERE model = ? AND id = ?";
const OWN_PREDICTION = "SELECT label, timestamp_ms, label_delay_ms, expires_ms FROM predictions WHERE model = ? AND id = ? AND source = ?";
const DROP_PREDICTION = "DELETE FROM predictions WHERE model = ? AND id = ? AND source = ?";
const ANY_PENDING = "SELECT 1 FROM pending_labels WHERE model = ? LIMIT 1";
const PENDING_LABEL = "SELECT label, timestamp_ms FROM pending_labels WHERE model = ? AND id = ?";
const JOIN_EARLY_LABEL = "UPDATE predictions SET label = ?, label_delay_ms = ? WHERE model = ? AND id = ? AND label IS NULL";
const DROP_PENDING = "DELETE FROM pending_labels WHERE model = ? AND id = ?";
const JOIN_LABEL = "UPDATE predictions SET label = ?, label_delay_ms = ? - timestamp_ms WHERE model = ? AND id = ? AND label IS NULL";
const HAS_PREDICTION = "SELECT 1 FROM predictions WHERE model = ? AND id = ?";
const PARK_LABEL = "INSERT OR IGNORE INTO pending_labels (model, id, label, timestamp_ms, expires_ms) VALUES (?, ?, ?, ?, ?)";
const WINDOW_PAGE =
  "SELECT id, timestamp_ms, prediction, score, version, segments, label, label_delay_ms, source FROM predictions WHERE model = ? AND window_start = ? AND id > ? ORDER BY id LIMIT ?";

/**
 * The label join on SQLite, with DynamoJoinStore's semantics (tables in `sqlite-schema.ts`). An
 * id is stored once per model: a redelivered prediction, a repeat within a call or the same id in
 * another window counts as a duplicate and changes nothing — except, when a `source` is given, an
 * id that source already stored in the same window (its own retry, or a repeat its window's
 * profile counts), which is not a duplicate. A label joins an unlabelled prediction
 * (`labelDelayMs` = label time − prediction time) or waits in `pending_labels` until its prediction
 * arrives; a label for an id already labelled or already pending is a duplicate, and the first
 * value stays. Each call is one transaction, so the two orders of arrival cannot race. Rows expire
 * `ttlDays` after they are written, like DynamoDB's TTL; `purgeExpired` deletes them.
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

  async putPredictions(model: string, items: readonly PredictionItem[], ttlDays: number, source?: string): Promise<PredictionWriteResult> {
    const expires = this.expiresMs(ttlDays);
    return this.db.write((tx) => {
      const result: PredictionWriteResult = { inserted: 0, duplicates: 0, joinedEarlyLabels: 0 };
      // Predictions usually come first: skip the per-id look-up when no label of the model waits.
      const anyPending = tx.get(ANY_PENDING, [model]) !== undefined;
      for (const p of items) {
        const row = [model, p.id, p.windowStartMs, p.timestampMs, toJson(p.prediction), finite(p.score), p.version, JSON.stringify(p.segments), expires, source ?? null];
        if (tx.run(INSERT_PREDICTION, row) === 0) {
          const holder = source === undefined ? undefined : tx.get(HOLDER, [model, p.id]);
          if (!holder || Number(holder[0]) !== p.windowStartMs || holder[1] !== source) result.duplicates++;
          continue;
        }
        result.inserted++;
        const early = anyPending ? tx.get(PENDING_LABEL, [model, p.id]) : undefined;
        if (!early) continue;
        tx.run(JOIN_EARLY_LABEL, [early[0], Number(early[1]) - p.timestampMs, model, p.id]);
        tx.run(DROP_PENDING, [model, p.id]);
        result.joinedEarlyLabels++;
      }
      return result;
    });
  }

  async releasePredictions(model: string, items: readonly Pick<PredictionItem, "id" | "windowStartMs">[], source: string): Promise<number> {
    return this.db.write((tx) => {
      let released = 0;
      for (const p of items) {
        const row = tx.get(OWN_PREDICTION, [model, p.id, source]);
        if (!row) continue;
        const [label, timestampMs, delay, expires] = row;
        if (label !== null) tx.run(PARK_LABEL, [model, p.id, label, Number(timestampMs) + Number(delay ?? 0), expires]);
        released += tx.run(DROP_PREDICTION, [model, p.id, source]);
      }
      return released;
    });
  }

  async putLabels(model: string, items: readonly LabelItem[], ttlDays: number): Promise<LabelWriteResult> {
    const expires = this.expiresMs(ttlDays);
    return this.db.write((tx) => {
      const result: LabelWriteResult = { joined: 0, pending: 0, duplicates: 0 };
      for (const l of items) {
        const label = toJson(l.label);
        if (tx.run(JOIN_LABEL, [label, l.timestampMs, model, l.id]) > 0) result.joined++;
        // No unlabelled prediction: it is labelled already (a duplicate), or not here yet.
        else if (tx.get(HAS_PREDICTION, [model, l.id])) result.duplicates++;
        else if (tx.run(PARK_LABEL, [model, l.id, label, l.timestampMs, expires]) > 0) result.pending++;
        else result.duplicates++;
      }
      return result;
    });
  }

  async *windowPredictions(model: string, windowStartMs: number): AsyncIterable<JoinedPrediction> {
    for (let after = ""; ; ) {
      const page = this.db.all(WINDOW_PAGE, [model, windowStartMs, after, WINDOW_PAGE_ROWS]);
      for (const row of page) yield joinedOfRow(windowStartMs, row);
      if (page.length < WINDOW_PAGE_ROWS) return;
      after = String(page[page.length - 1][0]);
    }
  }

  /**
   * Deletes predictions and pending labels whose time to live has passed; returns how many.
   *
   * @example
   * joins.purgeExpired(); // 0 on a fresh database
   */
  purgeExpired(): number {
    const now = this.clock.nowMs();
    return this.db.write(
      (tx) => tx.run("DELETE FROM predictions WHERE expires_ms <= ?", [now]) + tx.run("DELETE FROM pending_labels WHERE expires_ms <= ?", [now]),
    );
  }

  private expiresMs(ttlDays: number): number {
    return this.clock.nowMs() + Math.ceil(ttlDays * MS_PER_DAY);
  }
}

function joinedOfRow(windowStartMs: number, row: Param[]): JoinedPrediction {
  const [id, timestampMs, prediction, score, version, segments, label, delay, source] = row;
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
    source: source === null ? null : String(source),
  };
}
