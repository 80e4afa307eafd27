/**
 * Format detection: by extension first (`.jsonl` `.ndjson` `.json` `.csv` `.tsv` `.parquet`, each
 * optionally `.gz`), then by content, which wins: gzip magic means gunzip whatever the name,
 * `PAR1` means Parquet, a `.json` file starting with `[` is one JSON array (else JSON Lines), and
 * NUL bytes, a UTF-16 BOM or many invalid UTF-8 sequences in the first KiB mean a binary file.
 *
 * @example
 * formatFromName("logs/2024/01/15/part-0.jsonl.gz"); // { format: "jsonl", gzipName: true }
 * isGzip(Uint8Array.of(0x1f, 0x8b, 8));             // true
 */
import { UnsupportedFormatError } from "./errors.ts";
import type { LogFormat } from "./options.ts";

/** Bytes of decompressed text examined to sniff the format and reject binary files: 1 KiB. */
export const SNIFF_BYTES = 1_024;

/** Share of invalid UTF-8 sequences in the sniffed bytes above which a file is binary. */
const MAX_INVALID_UTF8_SHARE = 0.05;

const EXTENSIONS: Readonly<Record<string, LogFormat>> = {
  jsonl: "jsonl",
  ndjson: "jsonl",
  json: "json",
  csv: "csv",
  tsv: "csv",
  parquet: "parquet",
  pq: "parquet",
};

/** The format an object's name declares, and whether the name ends in `.gz`. */
export function formatFromName(name: string): { format: LogFormat | undefined; gzipName: boolean } {
  let base = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
  const gzipName = base.endsWith(".gz");
  if (gzipName) base = base.slice(0, -3);
  const dot = base.lastIndexOf(".");
  const ext = dot === -1 ? "" : base.slice(dot + 1);
  return { format: Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined, gzipName };
}

/** True when the bytes start with the gzip magic 1f 8b. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** True when the bytes start with the Parquet magic "PAR1". */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/** Why the first bytes look binary, or null for text. */
export function binaryReason(head: Uint8Array): string | null {
  const sample = head.subarray(0, SNIFF_BYTES);
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    return "UTF-16 byte order mark; re-encode as UTF-8";
  }
  if (sample.indexOf(0) !== -1) return `NUL bytes in the first ${SNIFF_BYTES} bytes`;
  const text = new TextDecoder("utf-8").decode(sample, { stream: true });
  let invalid = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) invalid++;
  if (invalid > sample.length * MAX_INVALID_UTF8_SHARE) {
    return `${invalid} invalid UTF-8 sequences in the first ${sample.length} bytes`;
  }
  return null;
}

/**
 * The text format to read: the declared one, refined by the first non-blank character for
 * `.json` (array or lines) and for names without a known extension (`{` lines, `[` array).
 *
 * @throws UnsupportedFormatError when neither the name nor the content tells
 */
export function textFormat(declared: LogFormat | undefined, head: Uint8Array, source: string): LogFormat {
  const first = firstSignificantByte(head);
  if (declared === "json") return first === 0x5b ? "json" : "jsonl";
  if (declared !== undefined) return declared;
  if (first === 0x7b || first === -1) return "jsonl";
  if (first === 0x5b) return "json";
  throw new UnsupportedFormatError(
    source,
    "expected .jsonl, .ndjson, .json, .csv or .parquet (optionally .gz), or JSON content",
  );
}

function firstSignificantByte(head: Uint8Array): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (; i < head.length; i++) {
    const c = head[i];
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c;
  }
  return -1;
}
