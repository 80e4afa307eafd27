/**
 * The bytes of one Parquet column chunk, read through `file.slice` a window at a time instead of
 * whole: memory holds the unread rest of one window, at most one page beyond it (a page is the
 * smallest unit a decoder can take), and the next window, fetched while the current one decodes.
 * The first windows of a row group's chunks are fetched together (`firstWindows`), adjacent ones
 * in one read, so a row group of small chunks costs about as many reads as it did whole.
 *
 * @example
 * const bytes = new ChunkBytes(file, start, end, WINDOW_BYTES);
 * await bytes.ensure(4096); // bytes.reader.view has ≥ 4096 bytes from bytes.reader.offset
 */
import type { AsyncBuffer, DataReader } from "hyparquet";

/** What the chunk windows of one row group may hold together, prefetch included once. */
export const READ_BUDGET_BYTES = 8 << 20;
const MIN_WINDOW_BYTES = 64 << 10;
const MAX_WINDOW_BYTES = 8 << 20;
/** First windows this close in the file are read in one request (as hyparquet's own plan does). */
const GAP_BYTES = 8 << 10;
const MAX_MERGED_BYTES = 8 << 20;

/** The window size for each of `columns` chunks read side by side. */
export function windowBytes(columns: number): number {
  return Math.min(MAX_WINDOW_BYTES, Math.max(MIN_WINDOW_BYTES, Math.floor(READ_BUDGET_BYTES / Math.max(1, columns))));
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
  private next: { start: number; end: number; bytes: Promise<Uint8Array> } | null = null;

  constructor(
    private readonly file: AsyncBuffer,
    start: number,
    private end: number,
    private readonly window: number,
    first?: Promise<Uint8Array>,
  ) {
    this.base = start;
    if (first) this.next = { start, end: Math.min(end, start + window), bytes: first };
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

  /** Makes the window hold at least `n` bytes from the read position, or all that is left. */
  async ensure(n: number): Promise<void> {
    if (this.available >= n || this.complete) return;
    // The pieces are joined once: a page across a window's end is copied once, not per piece.
    const pieces: Uint8Array[] = [];
    let start = this.fetched;
    let have = this.available;
    while (have < n && start < this.end) {
      let bytes: Uint8Array;
      let want: number;
      if (this.next !== null && this.next.start === start) {
        want = this.next.end;
        bytes = await this.next.bytes;
        this.next = null;
      } else {
        want = Math.min(this.end, start + Math.max(this.window, n - have));
        bytes = await fetchBytes(this.file, start, want);
      }
      // A file shorter than its metadata says: the chunk ends where the bytes do, as in hyparquet.
      if (start + bytes.length < want) this.end = start + bytes.length;
      pieces.push(bytes);
      have += bytes.length;
      start += bytes.length;
    }
    this.append(pieces);
    this.prefetch();
  }

  /** Keeps the unread tail and adds `pieces` after it. */
  private append(pieces: readonly Uint8Array[]): void {
    const { view, offset } = this.reader;
    const tail = view.byteLength - offset;
    let joined = pieces[0];
    if (tail > 0 || pieces.length !== 1) {
      joined = new Uint8Array(tail + pieces.reduce((sum, p) => sum + p.length, 0));
      joined.set(new Uint8Array(view.buffer, view.byteOffset + offset, tail));
      let at = tail;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.length;
      }
    }
    this.base += offset;
    this.reader = { view: new DataView(joined.buffer, joined.byteOffset, joined.byteLength), offset: 0 };
  }

  private prefetch(): void {
    const start = this.fetched;
    if (start >= this.end) return;
    const end = Math.min(this.end, start + this.window);
    const bytes = fetchBytes(this.file, start, end);
    bytes.catch(() => {}); // awaited by the next ensure, or never if the read stops early
    this.next = { start, end, bytes };
  }

  /**
   * Lets go of the bytes read so far (a decoded page's) when they are most of the window, by
   * copying the unread rest into a buffer of its own, so they are not held while other columns
   * decode.
   */
  release(): void {
    const { view, offset } = this.reader;
    if (offset < MIN_WINDOW_BYTES || offset < view.byteLength / 2) return;
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
