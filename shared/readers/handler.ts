/**
 * The seam between the format readers (JSON Lines, JSON array, CSV, Parquet), which find rows, and
 * the consumers (`readLog`, `readLabels`), which turn rows into records. Rows are handed over
 * synchronously: there is no async hop per row.
 *
 * @example
 * const h: RowHandler = { done: false, row(v, line) {}, malformed(line, reason, raw) {} };
 */
import type { RecordView } from "../types.ts";
import type { ValueMode } from "./normalise.ts";
import type { LogFormat } from "./options.ts";

/** Takes the rows a format reader finds; `readLog` and `readLabels` each implement one. */
export interface RowHandler {
  /** True once the consumer wants no more rows (maxRows reached); readers stop soon after. */
  readonly done: boolean;
  /**
   * One row as an object: parsed JSON or Parquet values (own properties, as JSON.parse makes
   * them; a key "__proto__" is data), or a null-prototype object of CSV cells. `raw` is the text
   * it came from, when there is one, for the quarantine sample.
   */
  row(value: Record<string, unknown>, line: number, raw: string | null, mode: ValueMode): void;
  /** Optional: a row read by the JSON Lines or CSV fast path (see RecordSink.view). */
  view?(row: RecordView, line: number): void;
  /** A row that could not be read; `raw` is cut by the handler. */
  malformed(line: number, reason: string, raw: string): void;
  /** Between chunks: the sink's backpressure (see RecordSink.drain). */
  drain?(): Promise<void> | void;
}

/** What the format readers tell about the bytes, for the summary. */
export interface ReadFacts {
  format: LogFormat;
  compressed: boolean;
  bytes: number;
}

/** Text of a value for a quarantine sample, safe on BigInt and cycles. */
export function rawOf(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
