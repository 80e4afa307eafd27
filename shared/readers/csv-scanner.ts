/**
 * The CSV fast path: reads one record line's bytes straight into a reused `RecordView` (no string
 * per cell, no row object, no record object), with exactly the meaning the CSV reader and
 * `toLogRecord` give the row: cells are text read by `csvValue` (features, prediction, label),
 * `numberValue` (score, latency), `textValue` (id, version) and `timestampOf` (timestamp). It
 * takes the common shape: one physical line, the header's number of fields, quoted fields closed
 * on the line without doubled quotes. Anything else — a record spanning lines, a field count that
 * differs, a timestamp or score that does not read, text after a closing quote — makes `scan`
 * return false and the line takes the text path, which counts malformed rows as always.
 *
 * @example
 * const s = CsvScanner.forHeader(["timestamp", "age"], ",", DEFAULT_FIELDS)!;
 * const line = Buffer.from("2024-01-15T00:00:00Z,58\n");
 * s.scan(line, 0, line.length - 1); // true; s.featureNumbers[0] === 58
 */
import { hashIdAscii, hashIdText } from "../id-hash.ts";
import { VIEW_KIND, type FieldMap, type FieldValue, type LogRecord, type RecordView } from "../types.ts";
import { JsonNumber, STRING_NON_ASCII, stringText } from "./json-bytes.ts";
import { KeyTable, ROLE } from "./key-table.ts";
import { TextCache } from "./text-cache.ts";
import { featureByKey, toRecordOf } from "./view-record.ts";
import { inTimestampRange, parseDateTimeBytes, parseTimestampAnyRange } from "./timestamp.ts";
import { csvValue } from "./values.ts";

const NULL = VIEW_KIND.null;
const NUMBER = VIEW_KIND.number;
const TEXT = VIEW_KIND.text;

const QUOTE = 34;
/** Column role of a mapped column the record ignores in CSV (features, probabilities). */
const SKIP = -1;

/** See the module comment. One scanner serves one read; it is the view it hands to sinks. */
export class CsvScanner implements RecordView {
  timestampMs: number | null = null;
  version: string | null = null;
  prediction: FieldValue = null;
  score: number | null = null;
  readonly probabilities = null;
  label: FieldValue = null;
  latencyMs: number | null = null;
  featureCount = 0;
  readonly featureKeys: Int32Array;
  readonly featureKinds: Uint8Array;
  readonly featureNumbers: Float64Array;
  readonly featureTexts: Array<string | null>;
  readonly keyNames: readonly string[];

  private readonly table: KeyTable;
  /** Per column: its key id, and its roles (0: a feature; SKIP: not part of the record). */
  private readonly columnKeys: Int32Array;
  private readonly columnRoles: Int32Array;
  private readonly delimiter: number;
  private readonly texts = new TextCache();
  private readonly number = new JsonNumber();
  private buf: Buffer = Buffer.alloc(0);
  private idBytes = false;
  private idStart = 0;
  private idEnd = 0;
  private idText: string | null = null;
  // The last cell read by `cell`: its kind, number and text.
  private kind: number = NULL;
  private num = 0;
  private text: string | null = null;

  private constructor(header: readonly string[], delimiter: string, fields: FieldMap, private readonly latestMs: number) {
    this.table = new KeyTable(fields);
    this.keyNames = this.table.names;
    this.delimiter = delimiter.charCodeAt(0);
    this.columnKeys = new Int32Array(header.length);
    this.columnRoles = new Int32Array(header.length);
    let features = 0;
    header.forEach((name, c) => {
      const id = this.table.idOf(name);
      const roles = this.table.roles[id];
      this.columnKeys[c] = id;
      // A column named like the features or probabilities field is not a feature of a flat row
      // (toLogRecord skips every mapped name), and its text is never an object: it reads as nothing.
      this.columnRoles[c] = roles === 0 ? 0 : (roles & ~(ROLE.features | ROLE.probabilities)) === 0 ? SKIP : roles;
      if (roles === 0) features++;
    });
    this.featureKeys = new Int32Array(features);
    this.featureKinds = new Uint8Array(features);
    this.featureNumbers = new Float64Array(features);
    this.featureTexts = new Array<string | null>(features).fill(null);
  }

  /**
   * A scanner for records under this (trimmed) header, or null when the header must take the text
   * path for every row: a repeated name (the last cell wins there), one column (a blank line is
   * then skipped, not a row), or more names than a read keeps ids for.
   */
  static forHeader(header: readonly string[], delimiter: string, fields: FieldMap, latestMs = Number.POSITIVE_INFINITY): CsvScanner | null {
    if (header.length < 2 || header.length > 10_000 || new Set(header).size !== header.length) return null;
    return new CsvScanner(header, delimiter, fields, latestMs);
  }

  /** Reads the record line b[start, end) into this view; false when it must take the text path. */
  scan(b: Buffer, start: number, end: number): boolean {
    this.buf = b;
    this.timestampMs = null;
    this.idBytes = false;
    this.idText = null;
    this.version = null;
    this.prediction = null;
    this.score = null;
    this.label = null;
    this.latencyMs = null;
    this.featureCount = 0;
    // A blank line (whitespace as String.prototype.trim sees it): the text path skips it.
    if (start === end || (b[start] <= 32 && b.toString("utf8", start, end).trim().length === 0)) return false;
    const d = this.delimiter;
    const columns = this.columnRoles.length;
    let col = 0;
    for (let i = start; ; ) {
      let s: number;
      let e: number;
      let next: number;
      let flags = 0;
      if (b[i] === QUOTE) {
        s = i + 1;
        let j = s;
        for (; j < end; j++) {
          const c = b[j];
          if (c === QUOTE) break;
          if (c >= 128) flags = STRING_NON_ASCII;
        }
        // Unclosed (a record spanning lines), a doubled quote, or text after the closing quote.
        if (j >= end || (j + 1 < end && b[j + 1] !== d)) return false;
        e = j;
        next = j + 1;
      } else {
        s = i;
        let j = i;
        for (; j < end; j++) {
          const c = b[j];
          if (c === d) break;
          if (c >= 128) flags = STRING_NON_ASCII;
        }
        e = j;
        next = j;
      }
      if (!this.field(col, s, e, flags)) return false;
      col++;
      if (next >= end) break;
      if (col === columns) return false; // more fields than the header
      i = next + 1;
    }
    return col === columns;
  }

  /** The id's text (built on first use for the row). */
  get id(): string | null {
    if (this.idBytes) this.idText ??= this.buf.toString("latin1", this.idStart, this.idEnd);
    return this.idText;
  }

  idHash(out: Uint32Array): boolean {
    if (this.idBytes) {
      hashIdAscii(this.buf, this.idStart, this.idEnd, out);
      return true;
    }
    if (this.idText === null) return false;
    hashIdText(this.idText, out);
    return true;
  }

  feature(name: string): FieldValue | undefined {
    return featureByKey(this, this.table.find(name));
  }

  toRecord(): LogRecord {
    return toRecordOf(this);
  }


  /** Takes the cell b[s, e) of column `col`; false when the row must take the text path. */
  private field(col: number, s: number, e: number, flags: number): boolean {
    const roles = this.columnRoles[col];
    if (roles === 0) {
      this.cell(s, e, flags);
      const n = this.featureCount++;
      this.featureKeys[n] = this.columnKeys[col];
      this.featureKinds[n] = this.kind;
      if (this.kind === NUMBER) this.featureNumbers[n] = this.num;
      else if (this.kind === TEXT) this.featureTexts[n] = this.text;
      return true;
    }
    if (roles === SKIP) return true;
    if ((roles & ROLE.timestamp) !== 0) {
      const ms = this.timestamp(s, e, flags);
      if (ms !== null && (Number.isNaN(ms) || !inTimestampRange(ms) || ms > this.latestMs)) return false;
      this.timestampMs = ms;
    }
    if ((roles & ROLE.id) !== 0) this.takeId(s, e, flags);
    if ((roles & ROLE.version) !== 0) this.version = this.nullToken(s, e) ? null : stringText(this.buf, s, e, flags);
    if ((roles & (ROLE.prediction | ROLE.label | ROLE.score | ROLE.latency)) === 0) return true;
    this.cell(s, e, flags);
    const value: FieldValue = this.kind === NUMBER ? this.num : this.kind === TEXT ? this.text : null;
    if ((roles & ROLE.prediction) !== 0) this.prediction = value;
    if ((roles & ROLE.label) !== 0) this.label = value;
    if ((roles & (ROLE.score | ROLE.latency)) !== 0) {
      // numberValue: a number (non-finite → null) or a null; any other text makes the row malformed.
      if (this.kind === TEXT) return false;
      const x = this.kind === NUMBER && Number.isFinite(this.num) ? this.num : null;
      if ((roles & ROLE.score) !== 0) this.score = x;
      if ((roles & ROLE.latency) !== 0) this.latencyMs = x;
    }
    return true;
  }

  /** `csvValue` of the cell into kind / num / text. */
  private cell(s: number, e: number, flags: number): void {
    const b = this.buf;
    const length = e - s;
    if (length > 0 && (b[s] <= 32 || b[e - 1] <= 32)) return this.slowCell(s, e, flags); // trimmed first
    if (this.nullToken(s, e)) {
      this.kind = NULL;
      return;
    }
    const c = b[s];
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
      // JSON's number grammar is a subset of csvValue's and reads to the same double; the rest
      // ("+1", ".5", "1.", "007", "-Infinity", or text such as a date) goes the way csvValue does.
      if (this.number.read(b, s) === e) {
        this.kind = NUMBER;
        this.num = this.number.value;
        return;
      }
      return this.slowCell(s, e, flags);
    }
    if ((length === 3 && c === 78 && b[s + 1] === 97 && b[s + 2] === 78) || (length === 8 && c === 73)) return this.slowCell(s, e, flags); // NaN, Infinity?
    this.kind = TEXT;
    this.text = this.texts.text(b, s, e, flags);
  }

  private slowCell(s: number, e: number, flags: number): void {
    const v = csvValue(stringText(this.buf, s, e, flags));
    if (typeof v === "number") {
      this.kind = NUMBER;
      this.num = v;
    } else if (typeof v === "string") {
      this.kind = TEXT;
      this.text = v;
    } else this.kind = NULL;
  }

  /** `textValue` of the cell as the id, kept as bytes when it is plain ASCII. */
  private takeId(s: number, e: number, flags: number): void {
    if (this.nullToken(s, e)) return;
    if (flags === 0) {
      this.idBytes = true;
      this.idStart = s;
      this.idEnd = e;
    } else this.idText = stringText(this.buf, s, e, flags);
  }

  /** `timestampOf` of the cell's text: epoch ms, null, or NaN (unreadable). */
  private timestamp(s: number, e: number, flags: number): number | null {
    if (flags === 0 && e > s) {
      const ms = parseDateTimeBytes(this.buf, s, e);
      if (ms === ms) return ms;
    }
    return parseTimestampAnyRange(stringText(this.buf, s, e, flags));
  }

  /** True for the cell texts `isNullToken` takes: "", "null", "NULL", "NA", "N/A" (untrimmed). */
  private nullToken(s: number, e: number): boolean {
    const b = this.buf;
    switch (e - s) {
      case 0:
        return true;
      case 2:
        return b[s] === 78 && b[s + 1] === 65; // NA
      case 3:
        return b[s] === 78 && b[s + 1] === 47 && b[s + 2] === 65; // N/A
      case 4:
        return (b[s] === 110 && b[s + 1] === 117 && b[s + 2] === 108 && b[s + 3] === 108) || (b[s] === 78 && b[s + 1] === 85 && b[s + 2] === 76 && b[s + 3] === 76); // null, NULL
      default:
        return false;
    }
  }
}
