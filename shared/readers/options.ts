/**
 * Options and results shared by `readLog` and `readLabels`.
 *
 * @example
 * const o = resolveOptions({ format: "csv", requiredColumns: ["age"] });
 * o.maxLineBytes; // 1048576
 */
import { DEFAULT_FIELDS, type FieldMap, type FieldValue, type MalformedRow, type Task } from "../types.ts";

/** The formats a reader understands; "json" is one JSON array of records. */
export const LOG_FORMATS = ["jsonl", "json", "csv", "parquet"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Lines (or records, or array elements) longer than this are malformed: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1_048_576;

/** Raw text kept with a malformed row, in characters. */
export const MALFORMED_RAW_CHARS = 300;

/**
 * How to read a source; every option has a default.
 *
 * @example
 * const o: ReadOptions = { fields: { timestamp: "date" }, requiredColumns: ["date"], maxRows: 1000 };
 */
export interface ReadOptions {
  /** Skip detection by name: read as this format (gzip is still sniffed). */
  readonly format?: LogFormat;
  /** Field names; missing entries fall back to `DEFAULT_FIELDS`. */
  readonly fields?: Partial<FieldMap>;
  /** @default 1048576 (1 MiB) */
  readonly maxLineBytes?: number;
  /** Number given to the first line (row) of this source, for byte-range reading. @default 1 */
  readonly startLine?: number;
  /** CSV header / Parquet columns that must be present, else `MissingColumnsError`. */
  readonly requiredColumns?: readonly string[];
  /** Feature names for positional inputs (SageMaker CSV rows, JSON arrays); else f0, f1, … */
  readonly columnOrder?: readonly string[];
  /** The model's task; SageMaker outputs in (0,1) become a 0/1 prediction only when binary. */
  readonly task?: Task;
  /** Stop after this many records (rows for `readLabels`) were delivered. @default unlimited */
  readonly maxRows?: number;
  /**
   * Records timestamped later than this (epoch ms) are malformed: the ingest step passes the
   * object's upload time plus a day of clock skew, since no event happens after its log was
   * written. Prediction logs only. @default no limit
   */
  readonly latestTimestampMs?: number;
}

/**
 * How far after its object's upload time (or, for `vigil`, now) a record's timestamp may lie (clock skew between the
 * serving host and the store): 1 day. Later ones are malformed: a record from year 9999 would
 * otherwise open a window that never closes and, being the newest, pin freshness at zero.
 */
export const MAX_CLOCK_SKEW_MS = 86_400_000;

/** What a read found; `rows` counts records delivered to the sink. */
export interface ReadSummary {
  /** "jsonl" for JSON Lines (whatever the extension), "json" for a JSON array document. */
  format: LogFormat;
  /** True when the bytes were gzip (detected by magic, not by name). */
  compressed: boolean;
  rows: number;
  malformed: number;
  /** Feature, prediction or label values that were objects or arrays, read as null. */
  nonScalarValues: number;
  /** Bytes read from the source as stored (compressed size for gzip). */
  bytes: number;
  /** No records and no malformed rows: zero bytes, blank lines, a header alone, or `[]`. */
  empty: boolean;
}

/** A ground-truth label, joined to predictions by `id`. */
export interface LabelRecord {
  id: string;
  label: Exclude<FieldValue, null>;
  /** When the label was observed, epoch ms, if the record says. */
  timestampMs: number | null;
}

/** Receives labels row by row, like `RecordSink` does records. */
export interface LabelSink {
  label(l: LabelRecord): void;
  malformed(m: MalformedRow): void;
}

/** ReadOptions with every default filled in. */
export interface ResolvedOptions {
  readonly format: LogFormat | undefined;
  readonly fields: FieldMap;
  readonly maxLineBytes: number;
  readonly startLine: number;
  readonly requiredColumns: readonly string[];
  readonly columnOrder: readonly string[] | undefined;
  readonly task: Task | undefined;
  readonly maxRows: number;
  readonly latestTimestampMs: number;
}

/**
 * Fills in defaults and checks the numbers.
 *
 * @throws RangeError when maxLineBytes, startLine or maxRows is not a positive integer, or
 *   latestTimestampMs is NaN
 * @example
 * resolveOptions({}).fields.id; // "request_id"
 */
export function resolveOptions(o: ReadOptions): ResolvedOptions {
  const maxLineBytes = o.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const startLine = o.startLine ?? 1;
  const maxRows = o.maxRows ?? Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`readLog: maxLineBytes must be a positive integer, got ${maxLineBytes}`);
  }
  if (!Number.isInteger(startLine) || startLine < 1) {
    throw new RangeError(`readLog: startLine must be a positive integer, got ${startLine}`);
  }
  if (maxRows !== Number.POSITIVE_INFINITY && (!Number.isInteger(maxRows) || maxRows < 0)) {
    throw new RangeError(`readLog: maxRows must be a non-negative integer, got ${maxRows}`);
  }
  if (Number.isNaN(o.latestTimestampMs)) throw new RangeError("readLog: latestTimestampMs must be a number, got NaN");
  return {
    format: o.format,
    fields: { ...DEFAULT_FIELDS, ...o.fields },
    maxLineBytes,
    startLine,
    requiredColumns: o.requiredColumns ?? [],
    columnOrder: o.columnOrder,
    task: o.task,
    maxRows,
    latestTimestampMs: o.latestTimestampMs ?? Number.POSITIVE_INFINITY,
  };
}

/**
 * Cuts raw text for the quarantine sample, as a copy: a slice would keep the whole decoded chunk
 * it was cut from alive for as long as the sample is kept.
 */
export function cutRaw(text: string): string {
  const cut = text.length > MALFORMED_RAW_CHARS ? text.slice(0, MALFORMED_RAW_CHARS) : text;
  return Buffer.from(cut, "utf8").toString("utf8");
}
