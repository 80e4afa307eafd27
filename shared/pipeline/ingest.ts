import { parseDurationMs, windowStartMs } from "../config/duration.ts";
import type { MonitorConfig } from "../config/schema.ts";
import type { Clock, JoinStore, ObjectInfo, ObjectStore, PredictionItem } from "../ports.ts";
import { readLog, ReaderError, type ReadOptions } from "../readers/index.ts";
import { MAX_CLOCK_SKEW_MS } from "../readers/options.ts";
import { requiredFields } from "../config/fields.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import type { ByteSource, LogRecord, MalformedRow, RecordSink, RecordView } from "../types.ts";
import { loadModelConfig, loadReference } from "./context.ts";
import { doneKey, modelOfKey, partialKey, quarantineKey, sourceId } from "./keys.ts";
import { encodePartial } from "./partial-codec.ts";
import { RecordProfiler, referenceShape, type ProfileWithPerformance } from "./profiler.ts";
import { sampled } from "./sampling.ts";

/** The segments of a join item when the monitor has none (shared: items are only read). */
const NO_SEGMENTS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Predictions written to the join store per call. */
const JOIN_BATCH = 500;
/** Join items gathered before the router writes them out (between chunks). */
const DRAIN_ITEMS = 5_000;

/** What ingesting one object did. */
export interface IngestResult {
  key: string;
  model: string;
  rows: number;
  malformed: number;
  windows: number[];
  predictionsStored: number;
  duplicateIds: number;
  /** True when the object's partials already existed (a redelivery): nothing was counted again. */
  skipped: boolean;
  /** Why the whole object was rejected (binary, truncated gzip, missing columns), if it was. */
  rejected?: string;
}

/** A partial profile as stored under state/ (encoded by partial-codec.ts): the source it came from and its profile. */
export interface StoredPartial {
  source: { key: string; etag: string };
  windowStartMs: number;
  profile: ProfileWithPerformance;
  /**
   * Ids of this window the join store already held for another object, or for this object in
   * another window (repeats within this window are in `profile.ids.duplicates`).
   */
  joinDuplicates: number;
}

/** Dependencies of the ingest step. */
export interface IngestDeps {
  objects: ObjectStore;
  joins: JoinStore;
  clock: Clock;
}

/**
 * Ingests one prediction-log object: streams it once, profiles each event-time window it touches
 * into a partial profile keyed by the object's key and ETag, stores prediction ids for the label
 * join, and samples malformed rows into quarantine/. Reprocessing the same key and ETag changes
 * nothing. Records without a timestamp take the object's upload time; records timestamped more
 * than MAX_CLOCK_SKEW_MS after it are malformed.
 *
 * @throws ReaderError for a file-level problem (binary, truncated gzip…), ConfigError for a bad monitor.
 */
export async function ingestObject(deps: IngestDeps, key: string): Promise<IngestResult> {
  const where = modelOfKey(key);
  if (!where || where.area !== "predictions") throw new Error(`ingestObject: ${key} is not under predictions/<model>/`);
  const { model } = where;
  const source = await deps.objects.open(key);
  if (!source) return { key, model, rows: 0, malformed: 0, windows: [], predictionsStored: 0, duplicateIds: 0, skipped: true };
  const id = sourceId(key, source.info.etag);
  const done = await deps.objects.getText(doneKey(model, id));
  if (done !== null) {
    const prior = JSON.parse(done) as IngestResult;
    return { ...prior, predictionsStored: 0, skipped: true };
  }
  const config = await loadModelConfig(deps.objects, model);
  const reference = await loadReference(deps.objects, model);
  let stored = 0;
  const dupPerWindow = new Map<number, number>();
  // Join items are written while the object streams (the router drains them between chunks), so
  // memory stays flat in the object's size.
  const writeItems = async (items: readonly PredictionItem[]) => {
    const byWindow = new Map<number, PredictionItem[]>();
    for (const it of items) (byWindow.get(it.windowStartMs) ?? byWindow.set(it.windowStartMs, []).get(it.windowStartMs)!).push(it);
    for (const [w, list] of byWindow) {
      for (let i = 0; i < list.length; i += JOIN_BATCH) {
        const r = await deps.joins.putPredictions(model, list.slice(i, i + JOIN_BATCH), config.labels.ttlDays, id);
        stored += r.inserted;
        dupPerWindow.set(w, (dupPerWindow.get(w) ?? 0) + r.duplicates);
      }
    }
  };
  const sink = new WindowRouter(config, reference, source.info.lastModifiedMs, writeItems);
  // A store that does not know the upload time (0) sets no limit rather than rejecting everything.
  const latestTimestampMs = source.info.lastModifiedMs > 0 ? source.info.lastModifiedMs + MAX_CLOCK_SKEW_MS : undefined;
  const readOptions = { fields: config.fields, columnOrder: config.columnOrder, task: config.task, requiredColumns: requiredFields(config), latestTimestampMs };
  let summary;
  try {
    summary = await readLog(source, readOptions, sink);
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
    // A file-level problem: retrying cannot help, and keeping part of it would double count when
    // the fixed file is uploaded again. The whole object is rejected and the reason quarantined,
    // and the join items the rows before the break stored are taken back (a break after more
    // than DRAIN_ITEMS of them), so its ids count nowhere — not as duplicates of the fixed file's.
    if (sink.wroteItems) await releaseItems(deps.joins, source, readOptions, config, model, id);
    const result: IngestResult = { key, model, rows: 0, malformed: 0, windows: [], predictionsStored: 0, duplicateIds: 0, skipped: false, rejected: e.message };
    await deps.objects.put(quarantineKey(model, id).replace(/\.jsonl$/, ".rejected.json"), JSON.stringify({ source: key, etag: source.info.etag, reason: e.message }), "application/json");
    await deps.objects.put(doneKey(model, id), JSON.stringify(result), "application/json");
    return result;
  }
  const windows = [...sink.profilers.keys()].sort((a, b) => a - b);
  await sink.drainAll();
  if (sink.malformedSample.length > 0) {
    const lines = sink.malformedSample.map((m) => JSON.stringify({ source: key, line: m.line, reason: m.reason, raw: m.raw }));
    await deps.objects.put(quarantineKey(model, id), lines.join("\n") + "\n", "application/x-ndjson");
  }
  for (const w of windows) {
    const partial: StoredPartial = { source: { key, etag: source.info.etag }, windowStartMs: w, profile: sink.profilers.get(w)!.finish(), joinDuplicates: dupPerWindow.get(w) ?? 0 };
    await deps.objects.put(partialKey(model, w, id), encodePartial(partial), "application/json");
  }
  const duplicateIds = [...dupPerWindow.values()].reduce((a, b) => a + b, 0);
  const result: IngestResult = { key, model, rows: summary.rows, malformed: summary.malformed, windows, predictionsStored: stored, duplicateIds, skipped: false };
  // Written last: its presence marks the object (key and ETag) as done, so a redelivery is skipped.
  await deps.objects.put(doneKey(model, id), JSON.stringify(result), "application/json");
  return result;
}

/**
 * Reads a rejected object again up to its break and releases the join items it stored, in
 * batches as they stream (the reader throws the same ReaderError at the same place).
 */
async function releaseItems(joins: JoinStore, source: ByteSource & { info: ObjectInfo }, options: ReadOptions, config: MonitorConfig, model: string, id: string): Promise<void> {
  const windowMs = parseDurationMs(config.window);
  let batch: Array<Pick<PredictionItem, "id" | "windowStartMs">> = [];
  const flush = async (): Promise<void> => {
    const items = batch;
    batch = [];
    for (let i = 0; i < items.length; i += JOIN_BATCH) await joins.releasePredictions(model, items.slice(i, i + JOIN_BATCH), id);
  };
  const sink: RecordSink = {
    record: (r) => {
      if (r.id !== null && sampled(r.id, config.labels.sampleRate)) batch.push({ id: r.id, windowStartMs: windowStartMs(r.timestampMs ?? source.info.lastModifiedMs, windowMs) });
    },
    malformed: () => {},
    drain: () => (batch.length >= DRAIN_ITEMS ? flush() : undefined),
  };
  try {
    await readLog(source, options, sink);
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
  }
  await flush();
}

/** Routes records to one profiler per event-time window and collects join items. */
class WindowRouter {
  readonly profilers = new Map<number, RecordProfiler>();
  private items: PredictionItem[] = [];
  readonly malformedSample: MalformedRow[] = [];
  malformedCount = 0;
  private readonly windowMs: number;
  private readonly shape;

  constructor(
    private readonly config: MonitorConfig,
    reference: ReferenceProfile | null,
    private readonly arrivalMs: number,
    private readonly writeItems: (items: readonly PredictionItem[]) => Promise<void>,
  ) {
    this.windowMs = parseDurationMs(config.window);
    this.shape = reference ? referenceShape(reference) : undefined;
  }

  private profilerFor(w: number): RecordProfiler {
    let p = this.profilers.get(w);
    if (!p) this.profilers.set(w, (p = new RecordProfiler(this.config, this.shape)));
    return p;
  }

  record(r: LogRecord): void {
    const w = this.windowOf(r);
    this.profilerFor(w).record(r);
    this.join(r, w);
  }

  view(r: RecordView): void {
    const w = this.windowOf(r);
    this.profilerFor(w).view(r);
    this.join(r, w);
  }

  private windowOf(r: LogRecord | RecordView): number {
    return windowStartMs(r.timestampMs ?? this.arrivalMs, this.windowMs);
  }

  /** Gathers the record's join item when its id is in the label sample. */
  private join(r: LogRecord | RecordView, w: number): void {
    const id = r.id;
    if (id === null || !sampled(id, this.config.labels.sampleRate)) return;
    let segments = NO_SEGMENTS;
    if (this.config.segments.length > 0) {
      segments = {};
      for (const s of this.config.segments) {
        const v = "toRecord" in r ? r.feature(s) : r.features[s];
        if (v !== null && v !== undefined) segments[s] = String(v);
      }
    }
    // Stores reject NaN and ±∞ (DynamoDB cannot hold them): an unusable number joins as unknown.
    const prediction = typeof r.prediction === "number" && !Number.isFinite(r.prediction) ? null : r.prediction;
    const score = r.score !== null && Number.isFinite(r.score) ? r.score : null;
    this.items.push({ id, windowStartMs: w, timestampMs: r.timestampMs ?? this.arrivalMs, prediction, score, version: r.version, segments });
  }

  /** Between chunks: writes the gathered join items once there are enough of them. */
  drain(): Promise<void> | void {
    if (this.items.length >= DRAIN_ITEMS) return this.drainAll();
  }

  /** Whether join items were written (before the whole object was read). */
  wroteItems = false;

  /** Writes every gathered join item. */
  async drainAll(): Promise<void> {
    const items = this.items;
    this.items = [];
    if (items.length === 0) return;
    this.wroteItems = true;
    await this.writeItems(items);
  }

  malformed(m: MalformedRow): void {
    // A malformed row has no trustworthy timestamp: it counts in the window of the upload time.
    this.profilerFor(windowStartMs(this.arrivalMs, this.windowMs)).malformed(m);
    this.malformedCount++;
    if (this.malformedSample.length < 100) this.malformedSample.push(m);
  }
}
