/**
 * CSV with a header row: the delimiter is detected from the header (`,` `;` tab `|`), blank lines
 * are skipped, a record with the wrong number of fields is malformed, and `requiredColumns` are
 * checked against the header before any row is read. A record spanning lines (quoted newlines) is
 * numbered by its first line and capped at `maxLineBytes` characters in all.
 *
 * @example
 * const reader = csvReader(handler, options, "bank-full.csv");
 * reader.push(Buffer.from('"age";"job"\n58;"management"\n')); reader.end(); // row {age: "58", job: "management"}
 */
import { CsvRecordAssembler, detectDelimiter } from "./csv-fields.ts";
import { CsvScanner } from "./csv-scanner.ts";
import { MissingColumnsError, ReaderError } from "./errors.ts";
import type { RowHandler } from "./handler.ts";
import type { ChunkReader } from "./jsonl.ts";
import { LineSplitter } from "./lines.ts";
import { MALFORMED_RAW_CHARS, type ResolvedOptions } from "./options.ts";

/**
 * A push-style CSV reader handing rows (null-prototype objects of cell text) to `handler`.
 *
 * @throws MissingColumnsError from `push` when the header lacks a required column
 * @throws ReaderError from `push` when the header is longer than `maxLineBytes`
 */
export function csvReader(handler: RowHandler, options: ResolvedOptions, source: string): ChunkReader {
  const max = options.maxLineBytes;
  let header: string[] | null = null;
  let asm: CsvRecordAssembler | null = null;
  let recordLine = 0;
  let recordChars = 0;
  let raw = "";
  let skippingQuoted = false;
  // The fast path (csv-scanner.ts) for record lines once the header is known, when the sink takes views.
  const view = handler.view?.bind(handler);
  let scanner: CsvScanner | null = null;

  const onLine = (text: string, line: number): void => {
    if (skippingQuoted) {
      skippingQuoted = !quoteParityFlips(text);
      return;
    }
    if (asm === null) {
      if (text.trim().length === 0) return;
      asm = new CsvRecordAssembler(detectDelimiter(text));
    }
    if (!asm.open) {
      if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0)) return;
      recordLine = line;
      recordChars = 0;
      raw = "";
    }
    recordChars += text.length + 1;
    if (raw.length < MALFORMED_RAW_CHARS) raw += raw.length > 0 ? `\n${text}` : text;
    const fields = asm.feed(text);
    if (fields === null) {
      if (recordChars > max) {
        handler.malformed(recordLine, `record longer than ${max} bytes`, raw);
        asm.reset();
        skippingQuoted = true;
      }
      return;
    }
    if (header === null) {
      header = fields.map((h) => h.trim());
      checkRequired(header, options.requiredColumns, source);
      if (view !== undefined) scanner = CsvScanner.forHeader(header, asm.delimiter, options.fields, options.latestTimestampMs);
      return;
    }
    if (fields.length !== header.length) {
      handler.malformed(recordLine, `expected ${header.length} fields, found ${fields.length}`, raw);
      return;
    }
    const row = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i < fields.length; i++) row[header[i]] = fields[i];
    handler.row(row, recordLine, raw, "csv");
  };

  const onTooLong = (line: number, head: string): void => {
    if (header === null) throw new ReaderError(source, `CSV header longer than ${max} bytes`);
    if (asm?.open) {
      handler.malformed(recordLine, `record longer than ${max} bytes`, raw);
      asm.reset();
      return;
    }
    handler.malformed(line, `line longer than ${max} bytes`, head);
  };

  const onBytes = (b: Buffer, start: number, end: number, line: number): boolean => {
    if (scanner === null || skippingQuoted || asm?.open) return false;
    if (!scanner.scan(b, start, end)) return false;
    (view as NonNullable<typeof view>)(scanner, line);
    return true;
  };
  const lines = new LineSplitter(max, options.startLine, onLine, onTooLong, view === undefined ? null : onBytes);
  return {
    push: (chunk) => lines.push(chunk),
    end(): void {
      lines.end();
      if (asm?.open) handler.malformed(recordLine, "unterminated quoted field", raw);
      else if (header === null && asm !== null) header = [];
    },
  };
}

function quoteParityFlips(text: string): boolean {
  let odd = false;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) odd = !odd;
  return odd;
}

/**
 * Checks a header (CSV) or schema (Parquet) for the required columns.
 *
 * @throws MissingColumnsError naming every missing column
 */
export function checkRequired(header: readonly string[], required: readonly string[], source: string): void {
  if (required.length === 0) return;
  const have = new Set(header);
  const missing = required.filter((c) => !have.has(c));
  if (missing.length > 0) throw new MissingColumnsError(source, missing, header);
}
