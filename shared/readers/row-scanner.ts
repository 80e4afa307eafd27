/**
 * The JSON Lines fast path: reads one line's bytes straight into a reused `RecordView` (no
 * `JSON.parse` objects, no feature object, no string per key or repeated value), with exactly the
 * meaning `toLogRecord` gives the parsed line. It takes the common shape: one object whose values
 * are scalars, except a features object of scalars. Anything else — invalid JSON, nested values,
 * duplicate keys, a timestamp or score that does not read, too many distinct keys — makes `scan`
 * return false, and the caller hands the line to `JSON.parse` and `toLogRecord`, which count
 * malformed rows and non-scalar values as always.
 *
 * @example
 * const s = new RowScanner(DEFAULT_FIELDS);
 * const line = Buffer.from('{"timestamp":0,"features":{"x":1.5}}\n');
 * s.scan(line, 0, line.length - 1); // true; s.featureNumbers[0] === 1.5, s.keyNames[s.featureKeys[0]] === "x"
 */
import { hashIdAscii, hashIdText } from "../id-hash.ts";
import { VIEW_KIND, type FieldMap, type FieldValue, type LogRecord, type RecordView } from "../types.ts";
import { JsonNumber, STRING_ESCAPED, STRING_NON_ASCII, stringText } from "./json-bytes.ts";
import { KeyOrder, KeyTable, MAX_KEYS, ROLE } from "./key-table.ts";
import { TextCache } from "./text-cache.ts";
import { featureByKey, toRecordOf } from "./view-record.ts";
import { epochToMs, inTimestampRange, parseDateTimeBytes, parseTimestampAnyRange } from "./timestamp.ts";
import { csvValue, isNullToken } from "./values.ts";

/** Thrown inside a scan when the row must take the slow path (which tells why it is malformed). */
const SLOW_PATH = new Error("slow path");

/** Kind of the last scalar token read (the `VIEW_KIND` values, a string being `text`). */
const NULL = VIEW_KIND.null;
const NUMBER = VIEW_KIND.number;
const TEXT = VIEW_KIND.text;
const TRUE = VIEW_KIND.true;
const FALSE = VIEW_KIND.false;

/** How the id is held: absent or null, ASCII bytes of the line, or text. */
const ID_NONE = 0;
const ID_BYTES = 1;
const ID_TEXT = 2;

/** Features of one object level of a row, in parallel arrays that grow as needed. */
class Entries {
  keys = new Int32Array(32);
  kinds = new Uint8Array(32);
  numbers = new Float64Array(32);
  texts: Array<string | null> = new Array<string | null>(32).fill(null);
  count = 0;

  grow(): void {
    const n = 2 * this.keys.length;
    const keys = new Int32Array(n);
    const kinds = new Uint8Array(n);
    const numbers = new Float64Array(n);
    keys.set(this.keys);
    kinds.set(this.kinds);
    numbers.set(this.numbers);
    this.keys = keys;
    this.kinds = kinds;
    this.numbers = numbers;
    for (let i = this.texts.length; i < n; i++) this.texts.push(null);
  }
}

/** See the module comment. One scanner serves one read; it is the view it hands to sinks. */
export class RowScanner implements RecordView {
  timestampMs: number | null = null;
  version: string | null = null;
  prediction: FieldValue = null;
  score: number | null = null;
  readonly probabilities = null;
  label: FieldValue = null;
  latencyMs: number | null = null;
  featureCount = 0;
  featureKeys: Int32Array;
  featureKinds: Uint8Array;
  featureNumbers: Float64Array;
  featureTexts: Array<string | null>;
  readonly keyNames: readonly string[];

  private readonly table: KeyTable;
  private readonly roles: number[];
  private readonly topOrder = new KeyOrder();
  private readonly nestedOrder = new KeyOrder();
  private readonly texts = new TextCache();
  private readonly number = new JsonNumber();
  private readonly top = new Entries();
  private readonly nested = new Entries();
  private readonly seenTop = new Int32Array(MAX_KEYS);
  private readonly seenNested = new Int32Array(MAX_KEYS);
  private row = 0;
  private canonical = false;
  private buf: Buffer = Buffer.alloc(0);
  private idKind = ID_NONE;
  private idStart = 0;
  private idEnd = 0;
  private idText: string | null = null;
  // The last string scanned (its contents and flags) and the last scalar token read.
  private strEnd = 0;
  private strFlags = 0;
  private tokKind: number = NULL;
  private tokNumber = 0;
  private tokStart = 0;
  private tokEnd = 0;

  /** `latestMs`: rows timestamped later are malformed (see `ReadOptions.latestTimestampMs`). */
  constructor(
    fields: FieldMap,
    private readonly latestMs = Number.POSITIVE_INFINITY,
  ) {
    this.table = new KeyTable(fields);
    this.roles = this.table.roles;
    this.keyNames = this.table.names;
    this.featureKeys = this.top.keys;
    this.featureKinds = this.top.kinds;
    this.featureNumbers = this.top.numbers;
    this.featureTexts = this.top.texts;
  }

  /**
   * Reads the line in b[start, end) into this view; false when it must take the slow path. The
   * byte at `end` must not continue the JSON (the line's newline or CR is there).
   */
  scan(b: Buffer, start: number, end: number): boolean {
    this.buf = b;
    if (++this.row === 0x3fffffff) this.restartStamps();
    this.timestampMs = null;
    this.idKind = ID_NONE;
    this.idText = null;
    this.version = null;
    this.prediction = null;
    this.score = null;
    this.label = null;
    this.latencyMs = null;
    this.top.count = 0;
    this.nested.count = 0;
    this.canonical = false;
    let i = skipSpace(b, start, end);
    if (b[i] !== 123) return false;
    try {
      i = this.object(b, i, end);
    } catch (e) {
      // An invalid escape, or a score that is not a number: the slow path says which.
      if (e instanceof SyntaxError || e === SLOW_PATH) return false;
      throw e;
    }
    if (i < 0 || skipSpace(b, i, end) !== end) return false;
    const e = this.canonical ? this.nested : this.top;
    this.featureCount = e.count;
    this.featureKeys = e.keys;
    this.featureKinds = e.kinds;
    this.featureNumbers = e.numbers;
    this.featureTexts = e.texts;
    return true;
  }

  /** The id's text (built on first use for the row). */
  get id(): string | null {
    if (this.idKind === ID_BYTES) this.idText ??= this.buf.toString("latin1", this.idStart, this.idEnd);
    return this.idText;
  }

  idHash(out: Uint32Array): boolean {
    if (this.idKind === ID_NONE) return false;
    if (this.idKind === ID_BYTES) hashIdAscii(this.buf, this.idStart, this.idEnd, out);
    else hashIdText(this.idText as string, out);
    return true;
  }

  feature(name: string): FieldValue | undefined {
    return featureByKey(this, this.table.find(name));
  }

  toRecord(): LogRecord {
    return toRecordOf(this);
  }


  /** The top-level object at b[i] === "{"; returns the index after it, or -1. */
  private object(b: Buffer, i: number, end: number): number {
    i = skipSpace(b, i + 1, end);
    if (b[i] === 125) return i + 1;
    for (let pos = 0; ; pos++) {
      const id = this.key(b, i, end, this.topOrder, pos);
      if (id < 0) return -1;
      i = skipSpace(b, this.strEnd + 1, end);
      if (b[i] !== 58) return -1;
      i = skipSpace(b, i + 1, end);
      if (this.seenTop[id] === this.row) return -1;
      this.seenTop[id] = this.row;
      const roles = this.roles[id];
      if (roles === 0) {
        i = this.token(b, i, end);
        if (i < 0) return -1;
        this.push(this.top, id);
      } else if (roles === ROLE.features && b[i] === 123) {
        this.canonical = true;
        i = this.features(b, i, end);
        if (i < 0) return -1;
      } else {
        i = this.token(b, i, end);
        if (i < 0 || !this.assign(roles)) return -1;
      }
      i = skipSpace(b, i, end);
      const c = b[i];
      if (c === 125) return i + 1;
      if (c !== 44) return -1;
      i = skipSpace(b, i + 1, end);
    }
  }

  /** The features object at b[i] === "{". */
  private features(b: Buffer, i: number, end: number): number {
    i = skipSpace(b, i + 1, end);
    if (b[i] === 125) return i + 1;
    for (let pos = 0; ; pos++) {
      const id = this.key(b, i, end, this.nestedOrder, pos);
      if (id < 0) return -1;
      i = skipSpace(b, this.strEnd + 1, end);
      if (b[i] !== 58) return -1;
      i = skipSpace(b, i + 1, end);
      if (this.seenNested[id] === this.row) return -1;
      this.seenNested[id] = this.row;
      i = this.token(b, i, end);
      if (i < 0) return -1;
      this.push(this.nested, id);
      i = skipSpace(b, i, end);
      const c = b[i];
      if (c === 125) return i + 1;
      if (c !== 44) return -1;
      i = skipSpace(b, i + 1, end);
    }
  }

  /** The id of the key string at b[i] (which must be a quote), or -1; `strEnd` is its closing quote. */
  private key(b: Buffer, i: number, end: number, order: KeyOrder, pos: number): number {
    if (b[i] !== 34) return -1;
    const known = order.match(b, i + 1, pos);
    if (known >= 0) {
      this.strEnd = i + 1 + order.lengthAt(pos);
      return known;
    }
    if (!this.string(b, i + 1, end)) return -1;
    const id = this.table.idOf(stringText(b, i + 1, this.strEnd, this.strFlags));
    if (id >= 0) order.remember(b, i + 1, this.strEnd, pos, id);
    return id;
  }

  /** Finds the closing quote of a string whose contents start at q: sets `strEnd`, `strFlags`. */
  private string(b: Buffer, q: number, end: number): boolean {
    let flags = 0;
    let j = q;
    for (;;) {
      if (j >= end) return false;
      const c = b[j];
      if (c === 34) break;
      if (c === 92) {
        flags |= STRING_ESCAPED;
        j += 2;
        continue;
      }
      if (c < 32) return false;
      if (c >= 128) flags |= STRING_NON_ASCII;
      j++;
    }
    this.strEnd = j;
    this.strFlags = flags;
    return true;
  }

  /** Reads the scalar at b[i] into the token registers; returns the index after it, or -1. */
  private token(b: Buffer, i: number, end: number): number {
    const c = b[i];
    if (c === 34) {
      if (!this.string(b, i + 1, end)) return -1;
      this.tokKind = TEXT;
      this.tokStart = i + 1;
      this.tokEnd = this.strEnd;
      return this.strEnd + 1;
    }
    if (c === 116) {
      if (b[i + 1] !== 114 || b[i + 2] !== 117 || b[i + 3] !== 101) return -1;
      this.tokKind = TRUE;
      return i + 4;
    }
    if (c === 102) {
      if (b[i + 1] !== 97 || b[i + 2] !== 108 || b[i + 3] !== 115 || b[i + 4] !== 101) return -1;
      this.tokKind = FALSE;
      return i + 5;
    }
    if (c === 110) {
      if (b[i + 1] !== 117 || b[i + 2] !== 108 || b[i + 3] !== 108) return -1;
      this.tokKind = NULL;
      return i + 4;
    }
    const j = this.number.read(b, i);
    if (j < 0) return -1;
    this.tokKind = NUMBER;
    this.tokNumber = this.number.value;
    return j;
  }

  /** Appends the token as feature `id` (a null-token string is null, as `jsonValue` reads it). */
  private push(e: Entries, id: number): void {
    const n = e.count;
    if (n === e.keys.length) e.grow();
    e.keys[n] = id;
    let kind = this.tokKind;
    if (kind === NUMBER) e.numbers[n] = this.tokNumber;
    else if (kind === TEXT) {
      if (this.nullToken()) kind = NULL;
      else e.texts[n] = this.texts.text(this.buf, this.tokStart, this.tokEnd, this.strFlags);
    }
    e.kinds[n] = kind;
    e.count = n + 1;
  }

  /** Gives the token to the mapped fields named by `roles`, as `toLogRecord` reads them; false when the row is malformed. */
  private assign(roles: number): boolean {
    // A features value that is neither an object nor null makes the row malformed.
    if ((roles & ROLE.features) !== 0 && this.tokKind !== NULL) return false;
    if ((roles & ROLE.timestamp) !== 0) {
      const ms = this.tokenTimestamp();
      // Unreadable, outside the years 0001–9999 or later than allowed: `timestampOf` says which.
      if (ms !== null && (!inTimestampRange(ms) || ms > this.latestMs)) return false;
      this.timestampMs = ms;
    }
    if ((roles & ROLE.id) !== 0) this.tokenId();
    if ((roles & ROLE.version) !== 0) this.version = this.tokenText();
    if ((roles & ROLE.prediction) !== 0) this.prediction = this.tokenValue();
    if ((roles & ROLE.label) !== 0) this.label = this.tokenValue();
    if ((roles & ROLE.score) !== 0) this.score = this.tokenNumber();
    if ((roles & ROLE.latency) !== 0) this.latencyMs = this.tokenNumber();
    // A scalar under the probabilities key reads as no probabilities; an object took the slow path.
    return true;
  }

  /** True when the text token is one of the null spellings of `isNullToken`. */
  private nullToken(): boolean {
    const b = this.buf;
    const s = this.tokStart;
    if ((this.strFlags & STRING_ESCAPED) !== 0) return isNullToken(stringText(b, s, this.tokEnd, this.strFlags));
    switch (this.tokEnd - s) {
      case 0:
        return true;
      case 2:
        return b[s] === 78 && b[s + 1] === 65; // NA
      case 3:
        return b[s] === 78 && b[s + 1] === 47 && b[s + 2] === 65; // N/A
      case 4:
        return (b[s] === 110 && b[s + 1] === 117 && b[s + 2] === 108 && b[s + 3] === 108) || // null
          (b[s] === 78 && b[s + 1] === 85 && b[s + 2] === 76 && b[s + 3] === 76); // NULL
      default:
        return false;
    }
  }

  /** `jsonValue` of the token. */
  private tokenValue(): FieldValue {
    switch (this.tokKind) {
      case NUMBER:
        return this.tokNumber;
      case TEXT:
        return this.nullToken() ? null : this.texts.text(this.buf, this.tokStart, this.tokEnd, this.strFlags);
      case TRUE:
        return true;
      case FALSE:
        return false;
      default:
        return null;
    }
  }

  /** `textValue` of the token. */
  private tokenText(): string | null {
    const v = this.tokenValue();
    return v === null || typeof v === "string" ? v : String(v);
  }

  /** `numberValue` of the token: finite number or null; throws when the row is malformed. */
  private tokenNumber(): number | null {
    if (this.tokKind === NUMBER) return Number.isFinite(this.tokNumber) ? this.tokNumber : null;
    if (this.tokKind === NULL || (this.tokKind === TEXT && this.nullToken())) return null;
    if (this.tokKind !== TEXT) throw SLOW_PATH;
    const v = csvValue(stringText(this.buf, this.tokStart, this.tokEnd, this.strFlags));
    if (v === null || (typeof v === "number" && !Number.isFinite(v))) return null;
    if (typeof v === "number") return v;
    throw SLOW_PATH;
  }

  /** `parseTimestampAnyRange` of the token: epoch ms, null, or NaN. */
  private tokenTimestamp(): number | null {
    switch (this.tokKind) {
      case NUMBER:
        return Number.isFinite(this.tokNumber) ? epochToMs(this.tokNumber) : Number.NaN;
      case NULL:
        return null;
      case TEXT: {
        if (this.strFlags === 0) {
          const ms = parseDateTimeBytes(this.buf, this.tokStart, this.tokEnd);
          if (ms === ms) return ms;
        }
        return parseTimestampAnyRange(stringText(this.buf, this.tokStart, this.tokEnd, this.strFlags));
      }
      default:
        return Number.NaN;
    }
  }

  /** `textValue` of the token as the id, kept as bytes when it is plain ASCII. */
  private tokenId(): void {
    if (this.tokKind === TEXT && this.strFlags === 0) {
      if (this.nullToken()) this.idKind = ID_NONE;
      else {
        this.idKind = ID_BYTES;
        this.idStart = this.tokStart;
        this.idEnd = this.tokEnd;
      }
      this.idText = null;
      return;
    }
    const text = this.tokenText();
    this.idKind = text === null ? ID_NONE : ID_TEXT;
    this.idText = text;
  }

  private restartStamps(): void {
    this.seenTop.fill(0);
    this.seenNested.fill(0);
    this.row = 1;
  }
}

/** The index of the first byte at or after i that is not JSON whitespace (a line holds no LF). */
function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13) break;
    i++;
  }
  return i;
}
