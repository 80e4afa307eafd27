import { readLog } from "../shared/readers/index.ts";
import type { MonitorConfig } from "../shared/config/schema.ts";
import { requiredFields } from "../shared/config/fields.ts";
import type { LogRecord, MalformedRow, RecordSink, RecordView } from "../shared/types.ts";
import { InputError } from "./errors.ts";
import { fileSource } from "./sources.ts";

/** A malformed row with the file it came from. */
export interface FileMalformedRow extends MalformedRow {
  file: string;
}

/** What reading a set of files found. */
export interface ReadReport {
  rows: number;
  malformed: number;
  files: Array<{ path: string; rows: number; malformed: number; format: string; compressed: boolean }>;
  malformedSample: FileMalformedRow[];
}

const SAMPLE = 20;

/** The config's field names that must be columns of CSV and Parquet inputs (those it sets explicitly). */
export function requiredColumns(config: MonitorConfig, extra: string[] = []): string[] {
  return [...new Set([...requiredFields(config), ...extra])];
}

/**
 * Reads files one after another into a sink. Reader errors (binary file, truncated gzip, missing
 * columns) already name the file; an explicitly named file with no records is an input error.
 * Records timestamped after `latestTimestampMs` are malformed (see ReadOptions).
 *
 * @throws InputError or ReaderError naming the file.
 */
export async function readFiles(paths: readonly string[], sink: RecordSink, config: MonitorConfig, options: { required?: string[]; explicit?: ReadonlySet<string>; latestTimestampMs?: number } = {}): Promise<ReadReport> {
  const report: ReadReport = { rows: 0, malformed: 0, files: [], malformedSample: [] };
  for (const path of paths) {
    const sinkView = sink.view?.bind(sink);
    const tagging: RecordSink = {
      record: (r: LogRecord) => sink.record(r),
      ...(sinkView ? { view: (r: RecordView) => sinkView(r) } : {}),
      malformed: (m: MalformedRow) => {
        if (report.malformedSample.length < SAMPLE) report.malformedSample.push({ ...m, file: path });
        sink.malformed(m);
      },
    };
    const s = await readLog(
      fileSource(path),
      { fields: config.fields, columnOrder: config.columnOrder, task: config.task, requiredColumns: options.required ?? requiredColumns(config), latestTimestampMs: options.latestTimestampMs },
      tagging,
    );
    if (s.empty && (options.explicit?.has(path) ?? true)) throw new InputError(path, "is empty (no records)");
    report.rows += s.rows;
    report.malformed += s.malformed;
    report.files.push({ path, rows: s.rows, malformed: s.malformed, format: s.format, compressed: s.compressed });
  }
  return report;
}
