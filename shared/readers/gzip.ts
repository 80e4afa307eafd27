/**
 * Streaming gunzip with backpressure, which tells a truncated stream from a corrupt one. Every
 * byte zlib could decode before a break is yielded first, so readers deliver the complete lines
 * before the break and only then throw.
 *
 * @example
 * for await (const text of gunzip(source.stream(), source.name)) consume(text);
 */
import { createGunzip } from "node:zlib";
import { CorruptGzipError, TruncatedGzipError } from "./errors.ts";

/** Decompressed chunk size zlib hands out: 64 KiB. */
const GUNZIP_CHUNK_BYTES = 65_536;
/** Decompressed chunks queued before zlib is paused. */
const MAX_QUEUED_CHUNKS = 16;

/**
 * Decompresses a gzip stream (one or more members).
 *
 * @throws TruncatedGzipError when the input ends inside a member
 * @throws CorruptGzipError when the data or checksum is wrong
 * @example
 * const lines = gunzip(chunks, "logs/x.jsonl.gz");
 */
export async function* gunzip(chunks: AsyncIterable<Uint8Array>, source: string): AsyncGenerator<Buffer> {
  const z = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  const queue: Buffer[] = [];
  let failure: unknown = null;
  let ended = false;
  let stopped = false;
  let bytesIn = 0;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  z.on("data", (b: Buffer) => {
    queue.push(b);
    if (queue.length >= MAX_QUEUED_CHUNKS) z.pause();
    signal();
  });
  z.on("error", (e: unknown) => {
    failure ??= e;
    signal();
  });
  z.on("end", () => {
    ended = true;
    signal();
  });
  let onDrain: (() => void) | null = null;
  const drainedOrClosed = (): void => {
    const w = onDrain;
    onDrain = null;
    w?.();
  };
  z.on("drain", drainedOrClosed);
  z.on("close", drainedOrClosed);
  const drained = (): Promise<void> => new Promise((resolve) => (onDrain = resolve));
  const feed = async (): Promise<void> => {
    try {
      for await (const c of chunks) {
        if (stopped) break;
        bytesIn += c.length;
        if (!z.write(c)) await drained();
        if (stopped || failure !== null) break;
      }
      if (!stopped && failure === null) z.end();
    } catch (e) {
      failure ??= { fromSource: e };
      signal();
    }
  };
  const feeding = feed();
  try {
    for (;;) {
      const b = queue.shift();
      if (b !== undefined) {
        if (queue.length < MAX_QUEUED_CHUNKS / 2 && z.isPaused()) z.resume();
        yield b;
        continue;
      }
      if (failure !== null) throw gzipError(failure, source, bytesIn);
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    await feeding;
  } finally {
    stopped = true;
    z.destroy();
  }
}

function gzipError(failure: unknown, source: string, bytesIn: number): unknown {
  if (typeof failure === "object" && failure !== null && "fromSource" in failure) return failure.fromSource;
  const code = (failure as { code?: unknown }).code;
  if (code === "Z_BUF_ERROR") return new TruncatedGzipError(source, bytesIn, { cause: failure });
  return new CorruptGzipError(source, bytesIn, { cause: failure });
}
