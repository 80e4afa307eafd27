import { closeSync, openSync, readSync, statSync } from "node:fs";

/** Smallest piece of a JSON Lines file worth a worker of its own. */
export const MIN_RANGE_BYTES = 8 * 1024 * 1024;

/** A byte range [start, end) of a file that begins at a line start. */
export interface ByteRange {
  path: string;
  start: number;
  end: number;
  /**
   * CSV ranges after the first: the header line is bytes [0, headerEnd) of the file, read before
   * the range (and numbered as its line 1).
   */
  headerEnd?: number;
}

/**
 * Splits an uncompressed JSON Lines or CSV file into up to `parts` ranges that start right after
 * a newline, so each can be read on its own; other formats stay whole. A CSV file is split only
 * when its first line is the header and no byte of it is a quote, so no newline can be inside a
 * quoted field (a stray quote inside a field would fool any quote counting); each CSV range after
 * the first reads the header before its own bytes. With `weights` (one per part) range i holds
 * about that share of the bytes, else the ranges are equal. Fewer parts are made when they would
 * be under MIN_RANGE_BYTES (equal ones, then).
 */
export function splitLines(path: string, parts: number, weights?: readonly number[]): ByteRange[] {
  const size = statSync(path).size;
  const csv = /\.csv$/i.test(path);
  const splittable = (csv || /\.(jsonl|ndjson)$/i.test(path)) && !isGzip(path);
  const n = splittable ? Math.max(1, Math.min(parts, Math.floor(size / MIN_RANGE_BYTES))) : 1;
  if (n === 1) return [{ path, start: 0, end: size }];
  const headerEnd = csv ? csvHeaderEnd(path, size) : 0;
  if (headerEnd < 0) return [{ path, start: 0, end: size }];
  const shares = weights !== undefined && weights.length === n ? weights : new Array<number>(n).fill(1);
  const total = shares.reduce((a, w) => a + w, 0);
  let before = 0;
  const targets = shares.slice(0, -1).map((w) => Math.floor((size * (before += w)) / total));
  const fd = openSync(path, "r");
  try {
    const cuts = [0];
    const buf = Buffer.alloc(64 * 1024);
    for (const target of targets) {
      // Never inside a CSV header: range 0 holds the header and the first rows.
      let pos = Math.max(target, cuts[cuts.length - 1], headerEnd);
      for (;;) {
        const got = readSync(fd, buf, 0, buf.length, pos);
        if (got === 0) {
          pos = size;
          break;
        }
        const nl = buf.subarray(0, got).indexOf(10);
        if (nl >= 0) {
          pos += nl + 1;
          break;
        }
        pos += got;
      }
      if (pos < size && pos > cuts[cuts.length - 1]) cuts.push(pos);
    }
    cuts.push(size);
    return cuts.slice(0, -1).map((start, i) => (csv && i > 0 ? { path, start, end: cuts[i + 1], headerEnd } : { path, start, end: cuts[i + 1] }));
  } finally {
    closeSync(fd);
  }
}

/**
 * Where a CSV file's header line ends (the byte after its newline), or -1 when the file must not
 * be split: it holds a quote anywhere, or its first line is blank or has no newline.
 */
function csvHeaderEnd(path: string, size: number): number {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    let headerEnd = -1;
    for (let pos = 0; pos < size; ) {
      const got = readSync(fd, buf, 0, buf.length, pos);
      if (got === 0) break;
      const chunk = buf.subarray(0, got);
      if (chunk.indexOf(34) >= 0) return -1;
      if (headerEnd < 0) {
        const nl = chunk.indexOf(10);
        if (nl < 0) return -1; // a header longer than a chunk: not worth splitting
        if (chunk.subarray(0, nl).toString("utf8").trim().length === 0) return -1;
        headerEnd = nl + 1;
      }
      pos += got;
    }
    return headerEnd;
  } finally {
    closeSync(fd);
  }
}

/** Newlines in a byte range (to number the lines of later ranges). */
export function countLines(range: ByteRange): number {
  const fd = openSync(range.path, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    let lines = 0;
    for (let pos = range.start; pos < range.end; ) {
      const got = readSync(fd, buf, 0, Math.min(buf.length, range.end - pos), pos);
      if (got === 0) break;
      for (let i = buf.indexOf(10, 0); i >= 0 && i < got; i = buf.indexOf(10, i + 1)) lines++;
      pos += got;
    }
    return lines;
  } finally {
    closeSync(fd);
  }
}

function isGzip(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(2);
    readSync(fd, b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
