/**
 * `readLog`: prediction logs of any supported format to `LogRecord`s, streamed into a sink.
 *
 * @example
 * const records: LogRecord[] = [];
 * const summary = await readLog(sourceFromBytes("x.jsonl", bytes), {}, {
 *   record: (r) => records.push(r),
 *   malformed: (m) => quarantine.push(m),
 * });
 * summary.rows; // records.length
 */
import type { ByteSource, LogRecord, RecordSink, RecordView } from "../types.ts";
import { MalformedRowError } from "./errors.ts";
import { rawOf, type ReadFacts } from "./handler.ts";
import { toLogRecord, type ValueMode } from "./normalise.ts";
import { cutRaw, resolveOptions, type ReadOptions, type ReadSummary, type ResolvedOptions } from "./options.ts";
import { CountingRowHandler, readRows, type CountingHandler } from "./rows.ts";
import { captureRecords, isCapture } from "./sagemaker.ts";

/**
 * Reads a prediction log: JSON Lines, a JSON array, CSV or Parquet, each optionally gzip, and
 * SageMaker Data Capture JSON Lines. Bad rows go to `sink.malformed` and the rest is read.
 *
 * @throws ReaderError subclasses for file-level problems (binary file, truncated or corrupt gzip,
 *   missing required columns, unknown format, unreadable Parquet); a truncated gzip throws after
 *   the rows before the break were delivered
 * @example
 * await readLog(source, { fields: { timestamp: "date" } }, sink); // flights-2k.json
 */
export async function readLog(source: ByteSource, options: ReadOptions, sink: RecordSink): Promise<ReadSummary> {
  const resolved = resolveOptions(options);
  const handler = new LogRowHandler(sink, resolved);
  const facts = await readRows(source, resolved, handler);
  return summaryOf(facts, handler.rows, handler.bad, handler.ctx.nonScalar);
}

/** The summary of a read from what the format reader and the handler counted. */
export function summaryOf(facts: ReadFacts, rows: number, malformed: number, nonScalarValues: number): ReadSummary {
  return { ...facts, rows, malformed, nonScalarValues, empty: rows === 0 && malformed === 0 };
}

class LogRowHandler extends CountingRowHandler implements CountingHandler {
  /** Present when the sink takes views. */
  readonly view?: (row: RecordView) => void;

  constructor(
    private readonly sink: RecordSink,
    options: ResolvedOptions,
  ) {
    super(options);
    const sinkView = sink.view?.bind(sink);
    if (sinkView !== undefined) {
      this.view = (row: RecordView): void => {
        if (this.rows >= this.options.maxRows) return;
        this.rows++;
        sinkView(row);
      };
    }
  }

  drain(): Promise<void> | void {
    return this.sink.drain?.();
  }

  row(value: Record<string, unknown>, line: number, raw: string | null, mode: ValueMode): void {
    let record: LogRecord;
    try {
      if (mode === "json" && isCapture(value)) {
        for (const r of captureRecords(value, this.options, this.ctx)) this.deliver(r);
        return;
      }
      record = toLogRecord(value, mode, this.ctx);
    } catch (e) {
      if (!(e instanceof MalformedRowError)) throw e;
      this.malformed(line, e.reason, raw ?? rawOf(value));
      return;
    }
    this.deliver(record);
  }

  malformed(line: number, reason: string, raw: string): void {
    this.bad++;
    this.sink.malformed({ line, reason, raw: cutRaw(raw) });
  }

  private deliver(r: LogRecord): void {
    if (this.rows >= this.options.maxRows) return;
    this.rows++;
    this.sink.record(r);
  }
}
