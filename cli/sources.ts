import { createReadStream, existsSync, openSync, readdirSync, readSync, closeSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { ByteSource } from "../shared/types.ts";
import { InputError } from "./errors.ts";

/** File endings Vigil reads as logs or data. */
export const DATA_EXTENSIONS = /\.(jsonl|json|ndjson|csv|parquet)(\.gz)?$/i;

/**
 * A file as a ByteSource: streamed for text formats, read by range for Parquet.
 *
 * @throws InputError when the path does not exist or is not a file.
 */
export function fileSource(path: string): ByteSource {
  if (!existsSync(path)) throw new InputError(path, "no such file");
  const st = statSync(path);
  if (!st.isFile()) throw new InputError(path, "not a file");
  return {
    name: path,
    size: st.size,
    stream: () => createReadStream(path, { highWaterMark: 1 << 20 }),
    read: async (start: number, end: number) => {
      const fd = openSync(path, "r");
      try {
        const buf = Buffer.allocUnsafe(Math.max(0, end - start));
        let off = 0;
        while (off < buf.length) {
          const n = readSync(fd, buf, off, buf.length - off, start + off);
          if (n === 0) break;
          off += n;
        }
        return buf.subarray(0, off);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Bytes read per chunk of a range. */
const RANGE_CHUNK_BYTES = 1 << 20;

/**
 * Bytes [start, end) of a file as a ByteSource (a piece of an uncompressed JSON Lines or CSV
 * file, the CSV header first; a whole file is `fileSource`). The range is read into two buffers used in turn, so a chunk stays
 * valid while the next one is read and handed over, and is overwritten after that: the readers
 * copy what they keep (a line split across chunks), so memory stays at 2 MiB instead of a fresh
 * buffer per chunk that only the garbage collector gives back.
 */
export function rangeSource(path: string, start: number, end: number, headerEnd = 0): ByteSource {
  const whole = fileSource(path);
  if (start === 0 && end === whole.size) return whole;
  return { name: path, size: headerEnd + end - start, stream: () => rangeChunks(path, start, end, headerEnd) };
}

/** The range's bytes; with `headerEnd`, the file's bytes [0, headerEnd) (a CSV header) first. */
async function* rangeChunks(path: string, start: number, end: number, headerEnd: number): AsyncGenerator<Uint8Array> {
  const file = await open(path, "r");
  try {
    if (headerEnd > 0) {
      const header = Buffer.allocUnsafe(headerEnd);
      const { bytesRead } = await file.read(header, 0, headerEnd, 0);
      yield header.subarray(0, bytesRead);
    }
    const size = Math.min(RANGE_CHUNK_BYTES, end - start);
    const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    for (let pos = start, turn = 0; pos < end; turn ^= 1) {
      const buf = buffers[turn];
      const { bytesRead } = await file.read(buf, 0, Math.min(size, end - pos), pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * Expands paths: a file stays itself; a folder becomes its data files (recursively, sorted).
 *
 * @throws InputError for a missing path or a folder without data files.
 */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new InputError(p, "no such file or folder");
    if (statSync(p).isDirectory()) {
      const found = walk(p).filter((f) => DATA_EXTENSIONS.test(f));
      if (found.length === 0) throw new InputError(p, "folder holds no .jsonl, .json, .ndjson, .csv or .parquet files");
      out.push(...found);
    } else out.push(p);
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}
