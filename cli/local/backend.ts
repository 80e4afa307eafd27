import { join, resolve } from "node:path";
import type { Clock } from "../../shared/ports.ts";
import { systemClock } from "./clock.ts";
import { ConsoleNotifier, MemoryEventSink } from "./console-notifier.ts";
import { FolderObjectStore } from "./folder-object-store.ts";
import { LocalMetricStore } from "./local-metric-store.ts";
import { SqliteDatabase } from "./sqlite-database.ts";
import { SqliteJoinStore } from "./sqlite-join-store.ts";
import { SqliteStateStore } from "./sqlite-state-store.ts";

/** The backend's own files live in this folder under the bucket folder (listings skip it). */
export const LOCAL_STATE_DIR = ".vigil";

/** Options of `localBackend`; every one has a default. */
export interface LocalBackendOptions {
  /** Where alert and event lines go. @default console.log */
  readonly print?: (line: string) => void;
  /** Alerts are also POSTed here as JSON. @default none */
  readonly webhookUrl?: string;
  /** @default globalThis.fetch */
  readonly fetchImpl?: typeof fetch;
  /** The clock for TTLs. @default the system clock */
  readonly clock?: Clock;
}

/**
 * The ports on the embedded backend (each class implements its port: ObjectStore, JoinStore, StateStore,
 * MetricSink, Notifier, EventSink, Clock), and `close()` to checkpoint the database and release it.
 */
export interface LocalBackend {
  readonly root: string;
  readonly objects: FolderObjectStore;
  readonly joins: SqliteJoinStore;
  readonly state: SqliteStateStore;
  readonly metrics: LocalMetricStore;
  readonly notifier: ConsoleNotifier;
  readonly events: MemoryEventSink;
  readonly clock: Clock;
  /** The database the join and state stores share (for its persistence stats). */
  readonly database: SqliteDatabase;
  close(): void;
}

/**
 * The embedded backend over a bucket folder (DESIGN §8): the folder is the object store, with
 * the same key layout as the S3 bucket; `<root>/.vigil/state.sqlite` holds the label join and the
 * evaluation state; `<root>/.vigil/metrics.jsonl` the metrics; alerts and events go to `print`.
 * Expired join rows are purged on open. One process at a time may open a folder.
 *
 * @throws DatabaseLockedError when another live process has the folder open
 * @example
 * const local = await localBackend("./bucket", { print: console.log });
 * await ingestObject(local, "predictions/bank/2008-09-01.jsonl");
 * local.close();
 */
export async function localBackend(root: string, options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const folder = resolve(root);
  const print = options.print ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemClock;
  const database = await SqliteDatabase.open(join(folder, LOCAL_STATE_DIR, "state.sqlite"));
  const joins = new SqliteJoinStore(database, clock);
  try {
    joins.purgeExpired();
  } catch (e) {
    database.close();
    throw e;
  }
  return {
    root: folder,
    objects: new FolderObjectStore(folder),
    joins,
    state: new SqliteStateStore(database),
    metrics: new LocalMetricStore(join(folder, LOCAL_STATE_DIR, "metrics.jsonl")),
    notifier: new ConsoleNotifier(print, options.webhookUrl, options.fetchImpl),
    events: new MemoryEventSink(print),
    clock,
    database,
    close: () => database.close(),
  };
}
