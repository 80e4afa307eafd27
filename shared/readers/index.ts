/**
 * Log readers: prediction logs and labels from JSON Lines, JSON arrays, CSV and Parquet, gzip or
 * not, SageMaker Data Capture included, streamed into sinks.
 *
 * @example
 * import { readLog } from "../shared/readers/index.ts";
 * const summary = await readLog(source, { fields: { id: "event_id" } }, sink);
 */
export { readLog } from "./read-log.ts";
export { readLabels } from "./labels.ts";
export { sourceFromBytes } from "./source.ts";
export { parseTimestamp, epochToMs } from "./timestamp.ts";
export { csvValue, isNullToken, MAX_NESTING_DEPTH } from "./values.ts";
export { formatFromName } from "./detect.ts";
export {
  DEFAULT_MAX_LINE_BYTES,
  LOG_FORMATS,
  MALFORMED_RAW_CHARS,
  type LabelRecord,
  type LabelSink,
  type LogFormat,
  type ReadOptions,
  type ReadSummary,
} from "./options.ts";
export {
  BinaryFileError,
  CorruptGzipError,
  CorruptParquetError,
  MissingColumnsError,
  ReaderError,
  TruncatedGzipError,
  UnsupportedFormatError,
} from "./errors.ts";
