/**
 * Types shared by every area of the core: the normalised log record that readers produce and
 * profiles consume, the byte sources readers read, and the weighted samples that statistics take.
 *
 * @example
 * const r: LogRecord = emptyRecord();
 * r.features.age = 42;
 */

/** A value of a log field after parsing: numbers stay numbers, everything else is text or null. */
export type FieldValue = number | string | boolean | null;

/** One prediction, whatever format it was logged in. */
export interface LogRecord {
  /** Event time in epoch milliseconds, or null when the record had none. */
  timestampMs: number | null;
  /** The prediction id used to join labels (`request_id` by default). */
  id: string | null;
  /** The model version that served the prediction. */
  version: string | null;
  /** The predicted class (classification) or value (regression). */
  prediction: FieldValue;
  /** Positive-class probability for binary models. */
  score: number | null;
  /** Class → probability for multiclass models. */
  probabilities: Record<string, number> | null;
  /** Ground truth when the log already carries it. */
  label: FieldValue;
  /** Serving latency in milliseconds. */
  latencyMs: number | null;
  /** Feature name → value; a null-prototype object, so log keys cannot reach Object.prototype. */
  features: Record<string, FieldValue>;
}

/**
 * Builds an empty record with a null-prototype feature map.
 *
 * @example
 * emptyRecord().features.__proto__ = 1; // an own key, not the prototype
 */
export function emptyRecord(): LogRecord {
  return {
    timestampMs: null,
    id: null,
    version: null,
    prediction: null,
    score: null,
    probabilities: null,
    label: null,
    latencyMs: null,
    features: Object.create(null) as Record<string, FieldValue>,
  };
}

/** A line (or row) that could not be read, with the reason; the rest of the file goes on. */
export interface MalformedRow {
  /** 1-based line number for text formats, 1-based row number for Parquet. */
  line: number;
  reason: string;
  /** The offending text, cut to a few hundred characters (for the quarantine sample). */
  raw: string;
}

/** How a feature value of a `RecordView` is held: in `featureNumbers`, `featureTexts`, or not at all. */
export const VIEW_KIND = { null: 0, number: 1, text: 2, true: 3, false: 4 } as const;

/**
 * A record as the JSON Lines and CSV fast paths hand it over: the top-level fields as in `LogRecord`, the
 * features as parallel arrays in the row's key order instead of an object per row. The arrays and
 * the view are reused for the next row, so a sink reads them during its `view` call and keeps
 * nothing. `keyNames[featureKeys[i]]` names feature i; duplicate keys never occur; the key ids are
 * stable for one read (`keyNames` is the same array for the whole read, growing as keys appear).
 */
export interface RecordView {
  readonly timestampMs: number | null;
  readonly id: string | null;
  readonly version: string | null;
  readonly prediction: FieldValue;
  readonly score: number | null;
  readonly probabilities: Record<string, number> | null;
  readonly label: FieldValue;
  readonly latencyMs: number | null;
  readonly featureCount: number;
  readonly featureKeys: Int32Array;
  /** `VIEW_KIND` values. */
  readonly featureKinds: Uint8Array;
  readonly featureNumbers: Float64Array;
  readonly featureTexts: ReadonlyArray<string | null>;
  readonly keyNames: readonly string[];
  /**
   * Writes the 64-bit hash `hashIdText` gives the id into out[0], out[1] (without building the
   * id's text when it is plain ASCII); false when the id is null.
   */
  idHash(out: Uint32Array): boolean;
  /** The value of one feature as the record's `features` would hold it; undefined when absent. */
  feature(name: string): FieldValue | undefined;
  /** The equivalent `LogRecord` (allocates: for sinks that keep records). */
  toRecord(): LogRecord;
}

/** Receives what a reader finds, row by row, without an async hop per row. */
export interface RecordSink {
  record(r: LogRecord): void;
  /**
   * Optional fast path: readers that can (JSON Lines, CSV) hand rows over as a reused `RecordView`
   * instead of building a `LogRecord`; rows they cannot go to `record` as before. A view
   * describes exactly the record `record` would have received (`view.toRecord()`).
   */
  view?(r: RecordView): void;
  malformed(m: MalformedRow): void;
  /**
   * Called between chunks (about 1 MiB) or Parquet row groups; a returned promise is awaited
   * before reading on — backpressure, so a sink can write what it gathered and keep memory flat.
   */
  drain?(): Promise<void> | void;
}

/**
 * Bytes to read: a name (file path or S3 key: it decides the format by extension, and appears in
 * errors), a stream factory, and, for formats that need random access (Parquet), a ranged read.
 */
export interface ByteSource {
  readonly name: string;
  stream(): AsyncIterable<Uint8Array>;
  /** Total size in bytes, when known. */
  readonly size?: number;
  /** Bytes [start, end) of the object; required for Parquet. */
  read?(start: number, end: number): Promise<Uint8Array>;
}

/** Which log field holds what; every other column of a flat record is a feature. */
export interface FieldMap {
  timestamp: string;
  id: string;
  prediction: string;
  score: string;
  label: string;
  version: string;
  latency: string;
  /** The key holding a nested feature object in canonical records. */
  features: string;
  /** Multiclass probabilities map. */
  probabilities: string;
}

/** The canonical field names of DESIGN §3 and §7. */
export const DEFAULT_FIELDS: FieldMap = {
  timestamp: "timestamp",
  id: "request_id",
  prediction: "prediction",
  score: "score",
  label: "label",
  version: "model_version",
  latency: "latency_ms",
  features: "features",
  probabilities: "probabilities",
};

/**
 * A sample as sorted distinct values with positive weights (counts). Exact profiles give integer
 * counts; sketches give centroids with their weights.
 */
export interface WeightedSample {
  /** Strictly increasing finite values. */
  values: Float64Array;
  /** Positive weights, same length as values. */
  weights: Float64Array;
}

/** The two feature types drift and quality distinguish. */
export const FEATURE_TYPES = ["numerical", "categorical"] as const;
export type FeatureType = (typeof FEATURE_TYPES)[number];

/** The three model tasks. */
export const TASKS = ["binary_classification", "multiclass_classification", "regression"] as const;
export type Task = (typeof TASKS)[number];
