/**
 * Parquet's byte sources as hyparquet `AsyncBuffer`s, apart from the reader so that choosing a
 * reader (`rows.ts`) does not load hyparquet: `parquet.ts` is imported only for a Parquet file.
 *
 * @example
 * const file = rangedBuffer(source) ?? memoryBuffer(bytes);
 */
import type { AsyncBuffer } from "hyparquet";
import type { ByteSource } from "../types.ts";

/** A hyparquet AsyncBuffer over a ranged source, or null when the source has no ranged read. */
export function rangedBuffer(source: ByteSource): AsyncBuffer | null {
  const { read, size } = source;
  if (read === undefined || size === undefined) return null;
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      let u8: Uint8Array;
      try {
        u8 = await read.call(source, start, end ?? size);
      } catch (e) {
        if (typeof e === "object" && e !== null) sourceFailures.add(e);
        throw e;
      }
      // Bytes that fill their own buffer (what the file and S3 adapters return) are used as
      // they are; a view into a larger buffer is copied out.
      if (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength && u8.buffer instanceof ArrayBuffer) return u8.buffer;
      return u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
    },
  };
}

/** A hyparquet AsyncBuffer over bytes already in memory. */
export function memoryBuffer(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start: number, end?: number): ArrayBuffer =>
      bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.byteLength)) as ArrayBuffer,
  };
}

/**
 * Errors the source's own ranged reads threw (a network or S3 failure). They are not a corrupt
 * file: they propagate as they are, so the caller retries instead of rejecting the object.
 */
const sourceFailures = new WeakSet<object>();

/** Whether an error (or one of its causes) came from the source's own reads. */
export function fromSource(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 5) return false;
  return sourceFailures.has(e) || fromSource((e as { cause?: unknown }).cause, depth + 1);
}
