/**
 * ByteSources over bytes already in memory, for tests, the CLI's stdin and small objects.
 *
 * @example
 * const s = sourceFromBytes("x.jsonl", '{"a":1}\n', 1); // one-byte chunks
 * await readLog(s, {}, sink);
 */
import type { ByteSource } from "../types.ts";

/**
 * A source named `name` over `data` (text is UTF-8 encoded), streamed in chunks of `chunkBytes`
 * (default 64 KiB), with ranged reads and a size.
 */
export function sourceFromBytes(name: string, data: Uint8Array | string, chunkBytes = 65_536): ByteSource {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new RangeError(`sourceFromBytes: chunkBytes must be a positive integer, got ${chunkBytes}`);
  }
  return {
    name,
    size: bytes.byteLength,
    async *stream(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.byteLength; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
    },
    read: async (start: number, end: number): Promise<Uint8Array> => bytes.subarray(start, end),
  };
}
