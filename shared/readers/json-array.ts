/**
 * A JSON document holding one array of records (`[{"date": "2001/01/01 06:55", …}, …]`), read
 * element by element: a byte scanner finds where each top-level element starts and ends (tracking
 * strings and depth, never recursing) and JSON.parse reads just that element. So the document is
 * never held whole, any size streams, and a bad element is one malformed row (numbered by the line
 * it starts on) rather than a failed file. Concatenated arrays (`[…][…]`) are read one after another.
 *
 * @example
 * const reader = jsonArrayReader(handler, options);
 * reader.push(Buffer.from('[{"a":1},\n{"a":2}]')); reader.end(); // two rows, lines 1 and 2
 */
import { jsonLine } from "./jsonl.ts";
import type { RowHandler } from "./handler.ts";
import type { ChunkReader } from "./jsonl.ts";
import type { ResolvedOptions } from "./options.ts";
import { asBuffer } from "./stream.ts";

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const NEWLINE = 10;
const HEAD_BYTES = 1_200;

type Phase = "before" | "between" | "element" | "after";

/** A push-style reader of one (or several concatenated) JSON array documents; see the module comment. */
export function jsonArrayReader(handler: RowHandler, options: ResolvedOptions): ChunkReader {
  let phase: Phase = "before";
  let line = options.startLine;
  let elementLine = line;
  let depth = 0;
  let inString = false;
  let escaped = false;
  const parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let trailingReported = false;

  const keep = (buf: Buffer, from: number, to: number): void => {
    if (to <= from) return;
    size += to - from;
    if (overflow) return;
    parts.push(Buffer.from(buf.subarray(from, to)));
    if (size > options.maxLineBytes) {
      const head = Buffer.concat(parts).subarray(0, HEAD_BYTES);
      parts.length = 0;
      parts.push(head);
      overflow = true;
    }
  };
  const finish = (): void => {
    const text = Buffer.concat(parts).toString("utf8");
    if (overflow) handler.malformed(elementLine, `record longer than ${options.maxLineBytes} bytes`, text);
    else jsonLine(text, elementLine, handler);
    parts.length = 0;
    size = 0;
    overflow = false;
  };
  const unexpected = (what: string, buf: Buffer, at: number): void => {
    if (!trailingReported) handler.malformed(line, what, buf.toString("utf8", at, at + HEAD_BYTES));
    trailingReported = true;
  };

  return {
    push(chunk: Uint8Array): void {
      const buf = asBuffer(chunk);
      let start = 0;
      for (let i = 0; i < buf.length; i++) {
        const c = buf[i];
        if (c === NEWLINE) line++;
        if (phase === "element") {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === BACKSLASH) escaped = true;
            else if (c === QUOTE) inString = false;
          } else if (c === QUOTE) inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
          else if (depth > 0 && (c === CLOSE_BRACE || c === CLOSE_BRACKET)) depth--;
          else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
            keep(buf, start, i);
            finish();
            phase = c === COMMA ? "between" : "after";
          }
          continue;
        }
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xef || c === 0xbb || c === 0xbf) continue;
        if (phase === "before" || phase === "after") {
          if (c === OPEN_BRACKET) phase = "between";
          else unexpected(phase === "before" ? "not a JSON array" : "unexpected text after the JSON array", buf, i);
          if (trailingReported) return;
        } else if (c === CLOSE_BRACKET) {
          phase = "after";
        } else {
          phase = "element";
          elementLine = line;
          start = i;
          i--; // rescan this byte (never a newline) as the element's first
        }
      }
      if (phase === "element") keep(buf, start, buf.length);
    },
    end(): void {
      if (phase === "element" && size > 0) {
        const text = Buffer.concat(parts).toString("utf8");
        handler.malformed(elementLine, "unterminated JSON array", text);
      } else if (phase === "between") {
        handler.malformed(line, "unterminated JSON array", "");
      }
    },
  };
}
