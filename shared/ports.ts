import type { ByteSource, FieldValue } from "./types.ts";

/**
 * The ports the pipeline steps talk through. `functions/adapters/` implements them on S3,
 * DynamoDB, CloudWatch, SNS and EventBridge; `cli/local/` on a folder, SQLite and the console.
 * Every method is idempotent where DESIGN §2 asks for it (at-least-once delivery).
 *
 * @example
 * const steps = { objects, joins, metrics, notifier, clock } satisfies Partial<Ports>;
 */

/** An object's identity for idempotency: same key and ETag → same content. */
export interface ObjectInfo {
  key: string;
  etag: string;
  size: number;
  lastModifiedMs: number;
}

/** The bucket. Keys use the layout of DESIGN §2 (`predictions/`, `labels/`, `reference/`, `state/`, …). */
export interface ObjectStore {
  /** The object as a ByteSource (streamed; ranged reads for Parquet), or null when absent. */
  open(key: string): Promise<(ByteSource & { info: ObjectInfo }) | null>;
  /** The whole object as UTF-8 text, or null when absent. */
  getText(key: string): Promise<string | null>;
  put(key: string, body: string | Uint8Array, contentType?: string): Promise<void>;
  /** Objects under a prefix, in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  delete(key: string): Promise<void>;
}

/** A prediction kept for the label join. */
export interface PredictionItem {
  id: string;
  windowStartMs: number;
  timestampMs: number;
  prediction: FieldValue;
  score: number | null;
  version: string | null;
  /** Segment column → value, for per-segment quality. */
  segments: Record<string, string>;
}

/** A ground-truth label. */
export interface LabelItem {
  id: string;
  label: Exclude<FieldValue, null>;
  /** When the label was observed (its record's timestamp, else arrival time). */
  timestampMs: number;
}

/** A prediction with its label, as the evaluator reads them per window. */
export interface JoinedPrediction extends PredictionItem {
  label: Exclude<FieldValue, null> | null;
  /** labelled at − predicted at, when labelled. */
  labelDelayMs: number | null;
  /** The source that stored it (see `JoinStore.putPredictions`), null for items stored without one. */
  source: string | null;
}

/** What writing predictions found. */
export interface PredictionWriteResult {
  /** New ids stored. */
  inserted: number;
  /**
   * Ids stored before: with a `source`, those another source stored, or this source in another
   * window (a repeat the window's profile cannot see); without one, every id stored before and
   * every repeat within the call.
   */
  duplicates: number;
  /** Labels that had arrived before their prediction and were joined now. */
  joinedEarlyLabels: number;
}

/** What writing labels found. */
export interface LabelWriteResult {
  /** Labels joined to a stored prediction now. */
  joined: number;
  /** Labels kept until their prediction arrives. */
  pending: number;
  /** Labels already recorded for that id (redelivery): nothing changed. */
  duplicates: number;
}

/** The label join: DynamoDB in AWS, SQLite locally. Both orders of arrival join. */
export interface JoinStore {
  /**
   * Stores predictions once per (model, id). `source` names what they came from (the ingest step
   * passes the object's `sourceId(key, etag)`): an id this source already stored in the same
   * window is its own earlier attempt (a retry after a failure part-way) or a repeat within one
   * window that the window's profile already counts, so it is neither stored again nor a duplicate.
   */
  putPredictions(model: string, items: readonly PredictionItem[], ttlDays: number, source?: string): Promise<PredictionWriteResult>;
  /**
   * Takes back what `source` stored for these ids (an object rejected after part of it was
   * stored): its prediction items and id claims go, labels they had joined wait for their
   * predictions again, and anything another source stored stays. Returns the ids released.
   */
  releasePredictions(model: string, items: readonly Pick<PredictionItem, "id" | "windowStartMs">[], source: string): Promise<number>;
  putLabels(model: string, items: readonly LabelItem[], ttlDays: number): Promise<LabelWriteResult>;
  /** Every stored prediction of a window, labelled or not. */
  windowPredictions(model: string, windowStartMs: number): AsyncIterable<JoinedPrediction>;
}

/** Per-window evaluation state. `version` makes updates conditional (optimistic locking). */
export interface WindowState {
  model: string;
  windowStartMs: number;
  /** When drift and quality metrics were published (once per window). */
  evaluatedAtMs: number | null;
  /** Rows in the window when it was evaluated; later rows are late. */
  evaluatedRows: number;
  /** Late rows already published as LateRows. */
  lateRowsPublished: number;
  /** When performance metrics were published (once, at coverage or maxWait). */
  performancePublishedAtMs: number | null;
  version: number;
}

/** Per-rule alert state, for notify-on-transition with cooldown. */
export interface AlertState {
  model: string;
  rule: string;
  firing: boolean;
  /** When the last message (fire, reminder or resolve) went out. */
  lastNotifiedMs: number | null;
  /** When the rule started firing this time. */
  sinceMs: number | null;
  /** Consecutive clear evaluations while firing; it resolves when this reaches `resolveAfter`. */
  clearStreak: number;
  /** Consecutive firing evaluations while not yet firing; it fires when this reaches `fireAfter`. Absent in older state. */
  fireStreak?: number;
  version: number;
}

/** Evaluation state: DynamoDB in AWS, SQLite locally. `put*` fail (return false) on a version conflict. */
export interface StateStore {
  getWindow(model: string, windowStartMs: number): Promise<WindowState | null>;
  putWindow(state: WindowState, expectedVersion: number | null): Promise<boolean>;
  getAlert(model: string, rule: string): Promise<AlertState | null>;
  putAlert(state: AlertState, expectedVersion: number | null): Promise<boolean>;
}

/** One metric value. Dimensions by name (`Model`, `Feature`, `Segment`). */
export interface MetricDatum {
  name: string;
  value: number;
  timestampMs: number;
  dimensions: Record<string, string>;
  unit?: "Count" | "Percent" | "None" | "Milliseconds";
}

/** CloudWatch in AWS, the local metric store locally. Limits of PutMetricData are the adapter's job. */
export interface MetricSink {
  put(data: readonly MetricDatum[]): Promise<void>;
}

/** An alert ready to send: a subject line, the readable text, the structured body, routing attributes. */
export interface AlertMessage {
  subject: string;
  text: string;
  body: Record<string, unknown>;
  /**
   * SNS message attributes. `channels` (a String.Array) is set when the model's config routes its
   * alerts itself; subscriptions filter on it (email, slack), else on `severity`.
   */
  attributes: { severity: string; model: string; rule: string; channels?: string[] };
}

/** SNS in AWS, the console (and a webhook) locally. */
export interface Notifier {
  publish(message: AlertMessage): Promise<void>;
}

/** EventBridge in AWS (retraining trigger); optional locally. */
export interface EventSink {
  put(source: string, detailType: string, detail: Record<string, unknown>): Promise<void>;
}

/** The clock, injected so windows, freshness and cooldowns are testable. */
export interface Clock {
  nowMs(): number;
}
