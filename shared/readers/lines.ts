/**
 * Splits a byte stream into lines on raw bytes (a newline byte never occurs inside a multi-byte
 * UTF-8 character, so characters split across chunks are decoded whole). Strips a UTF-8 BOM and
 * CR before LF, numbers every physical line (blank ones too) and delivers a final line without a
 * newline. A line longer than `maxLineBytes` is reported by `onTooLong` with its first bytes;
 * only those are kept, so memory stays bounded whatever the line's length.
 *
 * @example
 * const s = new LineSplitter(1 << 20, 1, (text, line) => rows.push([line, text]), onTooLong);
 * s.push(chunk); s.end();
 */
import { asBuffer } from "./stream.ts";

/** Bytes of an over-long line kept for its quarantine sample. */
const TOO_LONG_HEAD_BYTES = 1_200;

export type LineCallback = (text: string, line: number) => void;
export type TooLongCallback = (line: number, head: string) => void;

export class LineSplitter {
  private readonly carry: Buffer[] = [];
  private carryBytes = 0;
  private overflow = false;
  private line: number;
  private first = true;

  constructor(
    private readonly maxLineBytes: number,
    firstLine: number,
    private readonly onLine: LineCallback,
    private readonly onTooLong: TooLongCallback,
  ) {
    this.line = firstLine;
  }

  /** Feeds the next chunk; complete lines are delivered synchronously. */
  push(chunk: Uint8Array): void {
    const buf = asBuffer(chunk);
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl === -1) {
        if (pos < buf.length) this.keep(buf, pos, buf.length);
        return;
      }
      if (this.carryBytes === 0 && !this.overflow) {
        if (nl - pos > this.maxLineBytes + 1) this.tooLong(buf.subarray(pos, pos + TOO_LONG_HEAD_BYTES));
        else this.emit(buf, pos, nl);
      } else {
        this.keep(buf, pos, nl);
        this.flushCarry();
      }
      pos = nl + 1;
    }
  }

  /** Delivers the last line when the stream did not end with a newline. */
  end(): void {
    if (this.carryBytes > 0 || this.overflow) this.flushCarry();
  }

  private keep(buf: Buffer, start: number, end: number): void {
    if (this.overflow) return;
    this.carry.push(Buffer.from(buf.subarray(start, end)));
    this.carryBytes += end - start;
    // +1 leaves room for a CR that the coming LF will strip.
    if (this.carryBytes > this.maxLineBytes + 1) {
      const head = Buffer.concat(this.carry).subarray(0, TOO_LONG_HEAD_BYTES);
      this.carry.length = 0;
      this.carry.push(head);
      this.overflow = true;
    }
  }

  private flushCarry(): void {
    const joined = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry);
    const overflow = this.overflow;
    this.carry.length = 0;
    this.carryBytes = 0;
    this.overflow = false;
    if (overflow) this.tooLong(joined);
    else this.emit(joined, 0, joined.length);
  }

  private emit(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === 13) end--;
    if (end - start > this.maxLineBytes) {
      this.tooLong(buf.subarray(start, start + TOO_LONG_HEAD_BYTES));
      return;
    }
    let text = buf.toString("utf8", start, end);
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.onLine(text, this.line++);
  }

  private tooLong(head: Buffer): void {
    this.first = false;
    this.onTooLong(this.line++, head.toString("utf8"));
  }
}
