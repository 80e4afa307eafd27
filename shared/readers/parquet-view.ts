/**
 * The Parquet fast path: a row of decoded column pages read straight into a reused `RecordView`
 * (no row object, no features object), with exactly the meaning `toLogRecord` gives the row in
 * "json" mode: features by `jsonValue`, prediction and label by `jsonValue`, score and latency by
 * `numberValue`, id and version by `textValue`, the timestamp by `timestampOf`. It takes flat
 * rows of scalars (numbers, strings, booleans, BigInt, dates, nulls). A row holding another
 * object (bytes, a list, a struct) or a value that makes it malformed takes the row-object path,
 * which counts non-scalar values and malformed rows as always; a file with a column named like
 * the features or probabilities field (a nested record) takes it for every row.
 *
 * @example
 * const v = ParquetView.forColumns(["timestamp", "age"], DEFAULT_FIELDS)!;
 * v.fill([[new Date(0)], Float64Array.of(58)], [0, 0], 0); // true; v.featureNumbers[0] === 58
 */
import type { DecodedArray } from "hyparquet";
import { hashIdText } from "../id-hash.ts";
import { VIEW_KIND, type FieldMap, type FieldValue, type LogRecord, type RecordView } from "../types.ts";
import { MalformedRowError } from "./errors.ts";
import { KeyTable, MAX_KEYS, ROLE } from "./key-table.ts";
import { inTimestampRange, parseTimestampAnyRange } from "./timestamp.ts";
import { isNullToken, jsonValue, numberValue, textValue, type NonScalarCounter } from "./values.ts";
import { featureByKey, toRecordOf } from "./view-record.ts";

const NULL = VIEW_KIND.null;
const NUMBER = VIEW_KIND.number;
const TEXT = VIEW_KIND.text;
const TRUE = VIEW_KIND.true;
const FALSE = VIEW_KIND.false;

/** Never counts: rows with non-scalar values are declined before any value is read. */
const NO_COUNT: NonScalarCounter = { nonScalar: 0 };

/** See the module comment. One view serves one read; it is the view it hands to sinks. */
export class ParquetView implements RecordView {
  timestampMs: number | null = null;
  id: string | null = null;
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
  /** Per column: its key id and its roles (0: a feature). */
  private readonly columnKeys: Int32Array;
  private readonly columnRoles: Int32Array;

  private constructor(columns: readonly string[], fields: FieldMap, private readonly latestMs: number) {
    this.table = new KeyTable(fields);
    this.keyNames = this.table.names;
    this.columnKeys = new Int32Array(columns.length);
    this.columnRoles = new Int32Array(columns.length);
    let features = 0;
    columns.forEach((name, c) => {
      const id = this.table.idOf(name);
      this.columnKeys[c] = id;
      this.columnRoles[c] = this.table.roles[id];
      if (this.table.roles[id] === 0) features++;
    });
    this.featureKeys = new Int32Array(features);
    this.featureKinds = new Uint8Array(features);
    this.featureNumbers = new Float64Array(features);
    this.featureTexts = new Array<string | null>(features).fill(null);
  }

  /**
   * A view for rows of these (distinct) columns, or null when every row must take the row-object
   * path: a column named like the features or probabilities field, or more columns than a read
   * keeps key ids for.
   */
  static forColumns(columns: readonly string[], fields: FieldMap, latestMs = Number.POSITIVE_INFINITY): ParquetView | null {
    if (columns.length > MAX_KEYS || columns.includes(fields.features) || columns.includes(fields.probabilities)) return null;
    return new ParquetView(columns, fields, latestMs);
  }

  /** Reads row `i` of the run (column c's value is values[c][at[c] + i]); false when it must take the row path. */
  fill(values: readonly DecodedArray[], at: readonly number[], i: number): boolean {
    this.timestampMs = null;
    this.id = null;
    this.version = null;
    this.prediction = null;
    this.score = null;
    this.label = null;
    this.latencyMs = null;
    let n = 0;
    const roles = this.columnRoles;
    for (let c = 0; c < roles.length; c++) {
      const v: unknown = values[c][at[c] + i];
      if (typeof v === "object" && v !== null && !(v instanceof Date)) return false; // bytes, lists, structs
      const r = roles[c];
      if (r === 0) {
        this.featureKeys[n] = this.columnKeys[c];
        switch (typeof v) {
          case "number":
            this.featureKinds[n] = NUMBER;
            this.featureNumbers[n] = v;
            break;
          case "string":
            if (v.length <= 4 && isNullToken(v)) this.featureKinds[n] = NULL;
            else {
              this.featureKinds[n] = TEXT;
              this.featureTexts[n] = v;
            }
            break;
          case "boolean":
            this.featureKinds[n] = v ? TRUE : FALSE;
            break;
          default: {
            const x = jsonValue(v, NO_COUNT); // BigInt, Date, null, undefined
            if (typeof x === "number") {
              this.featureKinds[n] = NUMBER;
              this.featureNumbers[n] = x;
            } else if (typeof x === "string") {
              this.featureKinds[n] = TEXT;
              this.featureTexts[n] = x;
            } else this.featureKinds[n] = NULL;
          }
        }
        n++;
      } else if (!this.assign(r, v)) return false;
    }
    this.featureCount = n;
    return true;
  }

  idHash(out: Uint32Array): boolean {
    if (this.id === null) return false;
    hashIdText(this.id, out);
    return true;
  }

  feature(name: string): FieldValue | undefined {
    return featureByKey(this, this.table.find(name));
  }

  toRecord(): LogRecord {
    return toRecordOf(this);
  }


  /** Gives a mapped column's value to its fields, as `toLogRecord` reads them; false when the row is malformed. */
  private assign(roles: number, v: unknown): boolean {
    if ((roles & ROLE.timestamp) !== 0) {
      const ms = parseTimestampAnyRange(v);
      if (ms !== null && (Number.isNaN(ms) || !inTimestampRange(ms) || ms > this.latestMs)) return false;
      this.timestampMs = ms;
    }
    if ((roles & ROLE.id) !== 0) this.id = textValue(v, NO_COUNT);
    if ((roles & ROLE.version) !== 0) this.version = textValue(v, NO_COUNT);
    if ((roles & ROLE.prediction) !== 0) this.prediction = jsonValue(v, NO_COUNT);
    if ((roles & ROLE.label) !== 0) this.label = jsonValue(v, NO_COUNT);
    if ((roles & (ROLE.score | ROLE.latency)) !== 0) {
      let x: number | null;
      try {
        x = numberValue(v, "", NO_COUNT);
      } catch (e) {
        if (e instanceof MalformedRowError) return false;
        throw e;
      }
      if ((roles & ROLE.score) !== 0) this.score = x;
      if ((roles & ROLE.latency) !== 0) this.latencyMs = x;
    }
    return true;
  }
}
