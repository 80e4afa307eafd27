/**
 * Small helpers over byte streams: count what passes, look at the first bytes without losing them,
 * and collect a stream (only for Parquet without ranged reads). Closing a returned stream early
 * closes the underlying one.
 *
 * @example
 * const { head, rest } = await peek(source.stream(), 4);
 * if (isGzip(head)) for await (const c of gunzip(rest, source.name)) use(c);
 */

/** Counts the bytes that pass through into `counter.bytes`. */
export async function* counted(chunks: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    counter.bytes += c.byteLength;
    yield c;
  }
}

/**
 * Reads at least `minBytes` (unless the stream is shorter) and gives them back with the rest.
 * Iterate `rest` (it yields the head first) or, to abandon the stream unread, call `close`.
 */
export async function peek(
  chunks: AsyncIterable<Uint8Array>,
  minBytes: number,
): Promise<{ head: Buffer; rest: AsyncGenerator<Uint8Array>; close(): Promise<void> }> {
  const it = chunks[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let finished = false;
  while (size < minBytes) {
    const r = await it.next();
    if (r.done === true) {
      finished = true;
      break;
    }
    taken.push(asBuffer(r.value));
    size += r.value.byteLength;
  }
  const head = taken.length === 1 ? taken[0] : Buffer.concat(taken);
  async function* rest(): AsyncGenerator<Uint8Array> {
    let done = finished;
    try {
      if (head.length > 0) yield head;
      while (!done) {
        const r = await it.next();
        if (r.done === true) done = true;
        else yield r.value;
      }
    } finally {
      if (!done) await it.return?.();
    }
  }
  // A generator closed before it started skips its finally block: close() is for that case.
  const close = async (): Promise<void> => {
    if (!finished) await it.return?.();
  };
  return { head, rest: rest(), close };
}

/** Concatenates a whole stream. */
export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(asBuffer(c));
  return Buffer.concat(parts);
}

/** A Buffer view of the bytes, without copying. */
export function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}
