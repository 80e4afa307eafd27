/**
 * The bytes of one Parquet column chunk, read a page at a time instead of whole (a page is the
 * smallest unit a decoder can take). Memory holds the page being decoded and what is read ahead:
 *
 * - the first window of each chunk of a row group, together at most `firstBytes`, read
 *   at the group's start in few requests (`firstWindows` merges neighbours), so a group of small
 *   chunks is read whole, as before, in about as many requests;
 * - then each page on demand, in one read of its size (plus room for the next page's header);
 * - and the next page read ahead shortly before it is needed (`readAhead`), within a budget the
 *   row group's chunks share (`ReadBudget`), so a read's latency (S3) is mostly hidden without
 *   every column holding its next page at once.
 *
 * @example
 * const bytes = new ChunkBytes(file, start, end, new ReadBudget(READ_LIMITS));
 * await bytes.ensure(4096); // bytes.reader.view has ≥ 4096 bytes from bytes.reader.offset
 */
import type { AsyncBuffer, DataReader } from "hyparquet";

/** How much one row group's reads may hold (`READ_LIMITS`; tests use tiny ones). */
export interface ReadLimits {
  /** What the first windows of a group's chunks may hold together; a group within it is read whole. */
  readonly firstBytes: number;
  /** What a group's chunks may have read ahead together. */
  readonly readAheadBytes: number;
  /** The smallest read; an unread rest up to this size is read again with the next page, not copied. */
  readonly minReadBytes: number;
  /** Read past a page so the next page's header usually comes with it; where a header is first looked for. */
  readonly headerBytes: number;
}

/** The limits Vigil reads with. */
export const READ_LIMITS: ReadLimits = { firstBytes: 16 << 20, readAheadBytes: 8 << 20, minReadBytes: 64 << 10, headerBytes: 16 << 10 };

/** First windows this close in the file are read in one request (as hyparquet's own plan does). */
const GAP_BYTES = 8 << 10;
const MAX_MERGED_BYTES = 8 << 20;

/** The first window of each of a row group's chunks: whole chunks when the group fits `firstBytes`. */
export function firstWindowBytes(chunks: readonly ByteRange[], limits: ReadLimits): number {
  const total = chunks.reduce((sum, c) => sum + (c.end - c.start), 0);
  if (total <= limits.firstBytes) return Math.max(limits.minReadBytes, ...chunks.map((c) => c.end - c.start));
  return Math.max(limits.minReadBytes, Math.floor(limits.firstBytes / Math.max(1, chunks.length)));
}

/** The read-ahead budget a row group's chunks share, and the limits they read with. */
export class ReadBudget {
  available: number;
  constructor(readonly limits: ReadLimits) {
    this.available = limits.readAheadBytes;
  }
}

/** A byte range [start, end) of the file. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** Reads the given ranges, merging near neighbours into one request; one promise per range. */
export function firstWindows(file: AsyncBuffer, ranges: readonly ByteRange[]): Array<Promise<Uint8Array>> {
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a].start - ranges[b].start);
  const out = new Array<Promise<Uint8Array>>(ranges.length);
  let i = 0;
  while (i < order.length) {
    const first = ranges[order[i]];
    let end = first.end;
    let j = i + 1;
    while (j < order.length && ranges[order[j]].start - end <= GAP_BYTES && Math.max(end, ranges[order[j]].end) - first.start <= MAX_MERGED_BYTES) {
      end = Math.max(end, ranges[order[j]].end);
      j++;
    }
    const merged = fetchBytes(file, first.start, end);
    for (let k = i; k < j; k++) {
      const r = ranges[order[k]];
      out[order[k]] = merged.then((b) => b.subarray(Math.min(b.length, r.start - first.start), Math.min(b.length, r.end - first.start)));
      out[order[k]].catch(() => {}); // awaited later, or never if the read stops early
    }
    i = j;
  }
  return out;
}

async function fetchBytes(file: AsyncBuffer, start: number, end: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(await file.slice(start, end));
  return bytes.length > end - start ? bytes.subarray(0, end - start) : bytes;
}

/** One column chunk's bytes, consumed front to back through `reader`. */
export class ChunkBytes {
  /** The current window; `reader.offset` is relative to it. */
  reader: DataReader = { view: new DataView(new ArrayBuffer(0)), offset: 0 };
  /** File position of the window's first byte. */
  private base: number;
  /** A read under way: the first window, or one read ahead (holding `held` of the budget). */
  private next: { start: number; end: number; bytes: Promise<Uint8Array>; held: number } | null = null;
  /** The size of the chunk's last page (see `expect`). */
  private page = 0;

  constructor(
    private readonly file: AsyncBuffer,
    start: number,
    private end: number,
    private readonly budget: ReadBudget,
    first?: { end: number; bytes: Promise<Uint8Array> },
  ) {
    this.base = start;
    if (first) this.next = { start, end: first.end, bytes: first.bytes, held: 0 };
  }

  /** The limits this chunk reads with. */
  get limits(): ReadLimits {
    return this.budget.limits;
  }

  /** File position up to which bytes are in the window. */
  private get fetched(): number {
    return this.base + this.reader.view.byteLength;
  }

  /** Bytes left in the chunk from the read position. */
  get remaining(): number {
    return this.end - this.base - this.reader.offset;
  }

  /** Bytes in the window from the read position. */
  get available(): number {
    return this.reader.view.byteLength - this.reader.offset;
  }

  /** True when the window holds everything up to the chunk's end. */
  get complete(): boolean {
    return this.fetched >= this.end;
  }

  /** The size of the page about to be read: the next one is read ahead at about this size. */
  expect(bytes: number): void {
    this.page = bytes;
  }

  /** Makes the window hold at least `n` bytes from the read position, or all that is left. */
  async ensure(n: number): Promise<void> {
    if (this.available >= n || this.complete) return;
    const pos = this.base + this.reader.offset;
    const next = this.next;
    // Where the new bytes start: a read ahead from the read position (or just before it, within
    // the window), else the read position when little is left (read again, not copied), else
    // the window's end (the unread rest is kept and joined).
    const from = next !== null && next.start >= this.base && next.start <= pos ? next.start : this.readFrom();
    const pieces: Uint8Array[] = [];
    let covered = from;
    while (covered < pos + n && covered < this.end) {
      let bytes: Uint8Array;
      let want: number;
      const ahead = this.next;
      this.next = null;
      if (ahead !== null) this.budget.available += ahead.held;
      if (ahead !== null && ahead.start === covered) {
        want = ahead.end;
        bytes = await ahead.bytes;
      } else {
        const { minReadBytes, headerBytes } = this.budget.limits;
        want = Math.min(this.end, covered + Math.max(minReadBytes, pos + n - covered + headerBytes));
        bytes = await fetchBytes(this.file, covered, want);
      }
      // A file shorter than its metadata says: the chunk ends where the bytes do, as in hyparquet.
      if (covered + bytes.length < want) this.end = covered + bytes.length;
      pieces.push(bytes);
      covered += bytes.length;
    }
    this.replace(from, pos, pieces);
  }

  /**
   * The window becomes the bytes from file position `from` (at or before the read position `pos`,
   * or the old window's end, after its unread rest), joined once.
   */
  private replace(from: number, pos: number, pieces: readonly Uint8Array[]): void {
    const { view, offset } = this.reader;
    const tail = from > pos ? view.byteLength - offset : 0;
    let joined = pieces[0] ?? new Uint8Array(0);
    if (tail > 0 || pieces.length > 1) {
      joined = new Uint8Array(tail + pieces.reduce((sum, p) => sum + p.length, 0));
      if (tail > 0) joined.set(new Uint8Array(view.buffer, view.byteOffset + offset, tail));
      let at = tail;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.length;
      }
    }
    this.base = Math.min(from, pos);
    this.reader = { view: new DataView(joined.buffer, joined.byteOffset, joined.byteLength), offset: pos - this.base };
  }

  /**
   * Where a read ahead starts: after the window, or, when little of it is left unread, at the
   * read position, reading those bytes again rather than copying a whole page onto them.
   */
  private readFrom(): number {
    return this.available <= this.budget.limits.minReadBytes ? this.base + this.reader.offset : this.fetched;
  }

  /**
   * Starts reading the next page (about the size of the last) for a later `ensure`, when the
   * budget allows: the column's reader calls it shortly before it needs the bytes, so they
   * arrive in time without being held long.
   */
  readAhead(): void {
    const start = this.readFrom();
    if (this.complete || this.next !== null) return;
    const { minReadBytes, headerBytes } = this.budget.limits;
    const end = Math.min(this.end, start + Math.max(minReadBytes, this.page + (this.page >> 3) + headerBytes));
    const held = end - start;
    if (held > this.budget.available) return;
    this.budget.available -= held;
    const bytes = fetchBytes(this.file, start, end);
    bytes.catch(() => {}); // awaited by the next ensure, or never if the read stops early
    this.next = { start, end, bytes, held };
  }

  /**
   * Lets go of the bytes read so far (a decoded page's) when they are most of the window, by
   * copying the unread rest into a buffer of its own, so they are not held while other columns
   * decode.
   */
  release(): void {
    const { view, offset } = this.reader;
    if (offset < this.budget.limits.minReadBytes || offset < view.byteLength / 2) return;
    const rest = new Uint8Array(view.buffer, view.byteOffset + offset, view.byteLength - offset).slice();
    this.base += offset;
    this.reader = { view: new DataView(rest.buffer), offset: 0 };
  }

  /**
   * The window's unread bytes copied into a buffer of their own, for a page that runs past the
   * chunk's end: hyparquet then fails on it exactly as it does on a whole chunk.
   */
  exact(): DataReader {
    const { view, offset } = this.reader;
    const copy = new Uint8Array(view.buffer, view.byteOffset + offset, view.byteLength - offset).slice();
    return { view: new DataView(copy.buffer), offset: 0 };
  }
}
