import { expect } from "vitest";
import { readLog, sourceFromBytes, type ReadOptions, type ReadSummary } from "../../../shared/readers/index.ts";
import type { ByteSource, LogRecord, MalformedRow } from "../../../shared/types.ts";

/** What one read gave: records, malformed rows, the summary, and how many rows came as views. */
export interface Read {
  records: LogRecord[];
  malformed: MalformedRow[];
  summary: ReadSummary;
  viewed: number;
}

/** Reads with a record-only sink (the slow path) or a sink that also takes views (the fast path). */
export async function readPath(source: ByteSource, views: boolean, options: ReadOptions = {}): Promise<Read> {
  const records: LogRecord[] = [];
  const malformed: MalformedRow[] = [];
  let viewed = 0;
  const summary = await readLog(source, options, {
    record: (r) => records.push(r),
    ...(views ? { view: (v) => { viewed++; records.push(v.toRecord()); } } : {}),
    malformed: (m) => malformed.push(m),
  });
  return { records, malformed, summary, viewed };
}

/** The bytes as a plain stream of `size`-byte chunks, named `name`. */
export function chunkedSource(name: string, bytes: Uint8Array, size: number): ByteSource {
  return {
    name,
    async *stream() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
}

/** A record with its features as ordered entries, so key order, -0 and NaN are compared too. */
export function plain(r: LogRecord): unknown {
  const same = (v: unknown) => (Object.is(v, -0) ? "-0" : typeof v === "number" && Number.isNaN(v) ? "NaN" : v);
  const features = Object.keys(r.features).map((k) => [k, same(r.features[k])]);
  return { ...r, prediction: same(r.prediction), label: same(r.label), features, proto: Object.getPrototypeOf(r.features) };
}

/**
 * Reads `bytes` as file `name` by both paths and expects the same records (key order included),
 * malformed rows and summary; with `chunks`, also read in 7-byte chunks (lines split across chunks
 * take the fast path too, once joined). A file-level error must be the same on both paths.
 */
export async function expectSamePaths(name: string, bytes: Uint8Array, options: ReadOptions = {}, chunks = true): Promise<Read> {
  const slow = await readPath(sourceFromBytes(name, bytes), false, options).catch((e: Error) => e);
  const fast = await readPath(sourceFromBytes(name, bytes), true, options).catch((e: Error) => e);
  if (slow instanceof Error || fast instanceof Error) {
    expect(String(fast)).toBe(String(slow));
    return { records: [], malformed: [], summary: {} as ReadSummary, viewed: 0 };
  }
  expect(fast.records.map(plain)).toEqual(slow.records.map(plain));
  expect(fast.malformed).toEqual(slow.malformed);
  expect(fast.summary).toEqual(slow.summary);
  if (chunks) {
    const chunked = await readPath(chunkedSource(name, bytes, 7), true, options);
    expect(chunked.records.map(plain)).toEqual(slow.records.map(plain));
    expect(chunked.malformed).toEqual(slow.malformed);
    expect(chunked.viewed).toBe(fast.viewed);
  }
  return fast;
}
