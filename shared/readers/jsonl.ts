/**
 * JSON Lines: one JSON object per line. Blank (whitespace-only) lines are skipped; a line that does
 * not parse, or parses to something other than an object, is malformed. Bare NaN, Infinity and
 * -Infinity, as Python's json.dumps writes them, are read as those numbers.
 *
 * @example
 * const reader = jsonLinesReader(handler, options);
 * for await (const chunk of bytes) { reader.push(chunk); if (handler.done) break; }
 * reader.end();
 */
import type { RowHandler } from "./handler.ts";
import { parseJsonNonFinite } from "./json-nonfinite.ts";
import { LineSplitter } from "./lines.ts";
import type { ResolvedOptions } from "./options.ts";
import { RowScanner } from "./row-scanner.ts";

/** A push-style JSON Lines reader: feed it chunks, it hands rows to the handler. */
export interface ChunkReader {
  push(chunk: Uint8Array): void;
  end(): void;
}

/**
 * A JSON Lines reader handing rows to `handler`; lines over `maxLineBytes` are malformed. When the
 * handler takes views, lines are first offered to the byte-level `RowScanner`; the lines it
 * declines are parsed by `JSON.parse` and handed over as rows.
 *
 * @example
 * const r = jsonLinesReader(handler, resolveOptions({}));
 * r.push(Buffer.from('{"x":1}\n{"x":')); r.push(Buffer.from("2}")); r.end(); // two rows
 */
export function jsonLinesReader(handler: RowHandler, options: ResolvedOptions): ChunkReader {
  const tooLong = (line: number, head: string): void =>
    handler.malformed(line, `line longer than ${options.maxLineBytes} bytes`, head);
  const onText = (text: string, line: number): void => jsonLine(text, line, handler);
  const view = handler.view?.bind(handler);
  if (view === undefined) return new LineSplitter(options.maxLineBytes, options.startLine, onText, tooLong);
  const scanner = new RowScanner(options.fields, options.latestTimestampMs);
  const onBytes = (b: Buffer, start: number, end: number, line: number): boolean => {
    if (start === end) return true;
    if (!scanner.scan(b, start, end)) return false;
    view(scanner, line);
    return true;
  };
  return new LineSplitter(options.maxLineBytes, options.startLine, onText, tooLong, onBytes);
}

/** Parses one line and hands it on; exported for the SageMaker JSON Lines payloads too. */
export function jsonLine(text: string, line: number, handler: RowHandler): void {
  if (text.length === 0) return;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    if (text.trim().length === 0) return;
    v = parseJsonNonFinite(text);
    if (v === undefined) {
      handler.malformed(line, `invalid JSON: ${(e as Error).message}`, text);
      return;
    }
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    handler.malformed(line, "not a JSON object", text);
    return;
  }
  handler.row(v as Record<string, unknown>, line, text, "json");
}
