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

/** Bytes of an over-long line kept while skipping the rest of it. */
const TOO_LONG_HEAD_BYTES = 1_200;
/** Characters of an over-long line handed to `onTooLong`. */
const TOO_LONG_HEAD_CHARS = 400;

/** Receives each line's text (without newline) and its number. */
export type LineCallback = (text: string, line: number) => void;
/** Receives the number and first characters of a line longer than the limit. */
export type TooLongCallback = (line: number, head: string) => void;
/**
 * Optionally takes a line as bytes b[start, end) (newline and CR excluded; b[end] is one of them
 * or past the buffer) before it is decoded; returns false to have it decoded and delivered as text
 * after all. Lines that could be over the limit, and a first line starting with a BOM, always go
 * as text.
 */
export type BytesCallback = (b: Buffer, start: number, end: number, line: number) => boolean;

/** See the module comment. */
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
    private readonly onBytes: BytesCallback | null = null,
  ) {
    this.line = firstLine;
  }

  /** Feeds the next chunk; complete lines are delivered synchronously. */
  push(chunk: Uint8Array): void {
    const buf = asBuffer(chunk);
    const first = buf.indexOf(10);
    if (first === -1) {
      this.keep(buf, 0, buf.length);
      return;
    }
    let pos = 0;
    if (this.carryBytes > 0 || this.overflow) {
      this.keep(buf, 0, first);
      this.flushCarry();
      pos = first + 1;
    }
    const last = buf.lastIndexOf(10);
    if (last >= pos) {
      if (this.onBytes === null) this.emitBlock(buf.toString("utf8", pos, last + 1));
      else this.emitBytes(buf, pos, last + 1);
      pos = last + 1;
    }
    if (pos < buf.length) this.keep(buf, pos, buf.length);
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
    if (!overflow && this.onBytes !== null && this.offerBytes(joined, 0, joined.length)) return;
    const text = joined.toString("utf8");
    if (overflow) this.tooLong(text);
    else this.emit(text, 0, text.length);
  }

  /**
   * Offers the line b[start, stop) (newline excluded) to `onBytes`; true when it took it. A line
   * of at most a third of the limit in bytes cannot be over it however its bytes decode (an
   * invalid byte becomes U+FFFD, three bytes), so only longer lines need the text path's check.
   */
  private offerBytes(b: Buffer, start: number, stop: number): boolean {
    const end = stop > start && b[stop - 1] === 13 ? stop - 1 : stop;
    if (end - start > this.maxLineBytes / 3 || (this.first && b[start] === 0xef)) return false;
    if (!(this.onBytes as BytesCallback)(b, start, end, this.line)) return false;
    this.first = false;
    this.line++;
    return true;
  }

  /**
   * Delivers the lines of `text`, which ends with a newline. Decoding a whole block at once, then
   * slicing the string, costs less than decoding line by line.
   */
  private emitBlock(text: string): void {
    let pos = 0;
    for (;;) {
      const nl = text.indexOf("\n", pos);
      if (nl === -1) return;
      this.emit(text, pos, nl);
      pos = nl + 1;
    }
  }

  /** Offers each line of b[pos, stop) (which ends with a newline) to `onBytes` first. */
  private emitBytes(b: Buffer, pos: number, stop: number): void {
    while (pos < stop) {
      const nl = b.indexOf(10, pos);
      if (!this.offerBytes(b, pos, nl)) {
        const text = b.toString("utf8", pos, nl);
        this.emit(text, 0, text.length);
      }
      pos = nl + 1;
    }
  }

  private emit(text: string, start: number, end: number): void {
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    // A UTF-16 unit takes 1 to 3 UTF-8 bytes: count the bytes only when the length is ambiguous.
    const units = end - start;
    let line = text.slice(start, end);
    if (units > this.maxLineBytes || (units * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes)) {
      this.tooLong(line.slice(0, TOO_LONG_HEAD_CHARS));
      return;
    }
    if (this.first) {
      this.first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    this.onLine(line, this.line++);
  }

  private tooLong(head: string): void {
    this.first = false;
    this.onTooLong(this.line++, head.slice(0, TOO_LONG_HEAD_CHARS));
  }
}
