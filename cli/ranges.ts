import { closeSync, openSync, readSync, statSync } from "node:fs";

/** Smallest piece of a JSON Lines file worth a worker of its own. */
export const MIN_RANGE_BYTES = 8 * 1024 * 1024;

/** A byte range [start, end) of a file that begins at a line start. */
export interface ByteRange {
  path: string;
  start: number;
  end: number;
}

/**
 * Splits an uncompressed JSON Lines file into up to `parts` ranges that start right after a
 * newline, so each can be read on its own; other formats stay whole. With `weights` (one per
 * part) range i holds about that share of the bytes, else the ranges are equal. Fewer parts are
 * made when they would be under MIN_RANGE_BYTES (equal ones, then).
 */
export function splitLines(path: string, parts: number, weights?: readonly number[]): ByteRange[] {
  const size = statSync(path).size;
  const splittable = /\.(jsonl|ndjson)$/i.test(path) && !isGzip(path);
  const n = splittable ? Math.max(1, Math.min(parts, Math.floor(size / MIN_RANGE_BYTES))) : 1;
  if (n === 1) return [{ path, start: 0, end: size }];
  const shares = weights !== undefined && weights.length === n ? weights : new Array<number>(n).fill(1);
  const total = shares.reduce((a, w) => a + w, 0);
  let before = 0;
  const targets = shares.slice(0, -1).map((w) => Math.floor((size * (before += w)) / total));
  const fd = openSync(path, "r");
  try {
    const cuts = [0];
    const buf = Buffer.alloc(64 * 1024);
    for (const target of targets) {
      let pos = Math.max(target, cuts[cuts.length - 1]);
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
    return cuts.slice(0, -1).map((start, i) => ({ path, start, end: cuts[i + 1] }));
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
