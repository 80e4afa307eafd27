import { FEATURE_TYPES, VIEW_KIND, type FeatureType, type LogRecord, type RecordView } from "../types.ts";
import { CategoryCounter } from "./categories.ts";
import { ColumnBuilder, type ColumnOptions } from "./column-builder.ts";
import { hashIdText } from "../id-hash.ts";
import { IdCounter } from "./id-counter.ts";
import {
  CATEGORY_CAP, DEFAULT_COMPRESSION, DROPPED_NAMES_CAP, EXACT_DISTINCT_CAP, ID_DISTINCT_CAP, MAX_FEATURES, PROFILE_FORMAT_VERSION,
} from "./constants.ts";
import { ProfileArgumentError } from "./errors.ts";
import type { ColumnSummary, Profile } from "./types.ts";

/** The top-level fields of a record that get a column summary. */
export type TopField = "prediction" | "score" | "label" | "latency";

/** Options of a `ProfileBuilder`; every one has a default. */
export interface ProfileBuilderOptions {
  /** Feature types from the monitor config or the reference schema, stored as `declaredType`. */
  readonly declaredTypes?: Record<string, FeatureType>;
  /** Feature name → bin edges for an exact histogram. */
  readonly binEdges?: Record<string, number[]>;
  /** Bin edges for the top-level fields. */
  readonly fieldBinEdges?: Partial<Record<TopField, number[]>>;
  /** @default EXACT_DISTINCT_CAP (10,000) */
  readonly exactDistinctCap?: number;
  /** @default CATEGORY_CAP (1,000) */
  readonly categoryCap?: number;
  /** @default MAX_FEATURES (1,000) */
  readonly maxFeatures?: number;
  /** t-digest compression δ. @default DEFAULT_COMPRESSION (3,000) */
  readonly compression?: number;
  /** @default ID_DISTINCT_CAP (2,000,000) */
  readonly idDistinctCap?: number;
}

/**
 * Profiles a stream of log records in one pass. Features are looked up through a cache of the
 * previous record's key order, so records with the same keys cost no map lookup per feature.
 * The first `maxFeatures` feature names seen are stored; later names are counted once each in
 * `droppedFeatures` (up to DROPPED_NAMES_CAP names). Prediction, score, label and latency count a
 * row as present when the record's field is not null. `finish` may be called more than once.
 *
 * @example
 * const b = new ProfileBuilder({ binEdges: { age: [18, 30, 65] } });
 * for (const r of records) b.add(r);
 * b.addMalformed(2);
 * const profile = b.finish();
 */
export class ProfileBuilder {
  private rows = 0;
  private malformed = 0;
  private tsMin = Infinity;
  private tsMax = -Infinity;
  private tsMissing = 0;
  private readonly ids: IdCounter;
  private readonly versions: CategoryCounter;
  private readonly features = new Map<string, ColumnBuilder | null>();
  private stored = 0;
  private dropped = 0;
  // Top-level fields get their builder on first use (a never-logged field stays null).
  private prediction: ColumnBuilder | null = null;
  private score: ColumnBuilder | null = null;
  private label: ColumnBuilder | null = null;
  private latency: ColumnBuilder | null = null;
  private readonly lastKeys: string[] = [];
  private readonly lastCols: Array<ColumnBuilder | null> = [];
  // Columns by key id of the views of one read (`keyNames` identifies the read).
  private viewNames: readonly string[] | null = null;
  private viewCols: Array<ColumnBuilder | null | undefined> = [];
  private readonly edges = new Map<string, Float64Array>();
  private readonly fieldEdges = new Map<string, Float64Array>();
  private readonly declared = new Map<string, FeatureType>();
  private readonly exactDistinctCap: number;
  private readonly categoryCap: number;
  private readonly maxFeatures: number;
  private readonly compression: number;

  constructor(options: ProfileBuilderOptions = {}) {
    this.exactDistinctCap = count("exactDistinctCap", options.exactDistinctCap ?? EXACT_DISTINCT_CAP);
    this.categoryCap = count("categoryCap", options.categoryCap ?? CATEGORY_CAP);
    this.maxFeatures = count("maxFeatures", options.maxFeatures ?? MAX_FEATURES);
    this.ids = new IdCounter(count("idDistinctCap", options.idDistinctCap ?? ID_DISTINCT_CAP));
    this.compression = options.compression ?? DEFAULT_COMPRESSION;
    if (!(this.compression >= 20 && this.compression <= 100_000)) {
      throw new ProfileArgumentError(`ProfileBuilder requires compression in [20, 100000], got ${this.compression}`);
    }
    this.versions = new CategoryCounter(this.categoryCap);
    for (const [name, e] of Object.entries(options.binEdges ?? {})) this.edges.set(name, checkEdges(name, e));
    for (const [name, e] of Object.entries(options.fieldBinEdges ?? {})) if (e) this.fieldEdges.set(name, checkEdges(name, e));
    for (const [name, t] of Object.entries(options.declaredTypes ?? {})) {
      if (!FEATURE_TYPES.includes(t)) throw new ProfileArgumentError(`ProfileBuilder requires a declared type of ${name} in ${FEATURE_TYPES.join(", ")}, got ${t}`);
      this.declared.set(name, t);
    }
  }

  /** Counts one record. */
  add(r: LogRecord): void {
    this.addFields(r);
    if (r.id !== null) {
      hashIdText(r.id, ID_HASH);
      this.ids.addHash(ID_HASH);
    }
    const f = r.features;
    const keys = this.lastKeys;
    const cols = this.lastCols;
    const names = Object.keys(f);
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      let col: ColumnBuilder | null;
      if (i < keys.length && keys[i] === k) col = cols[i];
      else {
        col = this.column(k);
        keys[i] = k;
        cols[i] = col;
      }
      if (col !== null) col.add(f[k]);
    }
  }

  /**
   * Counts one record handed over as a view; the same counts as `add(view.toRecord())`. Feature
   * columns are found by the view's key ids (an array index, no string per key); a row with a
   * key not seen yet creates its new columns in the order `add` would (Object.keys order).
   */
  addView(r: RecordView): void {
    this.addFields(r);
    if (r.idHash(ID_HASH)) this.ids.addHash(ID_HASH);
    const n = r.featureCount;
    if (n === 0) return;
    if (this.viewNames !== r.keyNames) {
      this.viewNames = r.keyNames;
      this.viewCols = [];
    }
    const cols = this.viewCols;
    const keys = r.featureKeys;
    const kinds = r.featureKinds;
    const numbers = r.featureNumbers;
    const texts = r.featureTexts;
    for (let i = 0; i < n; i++) {
      let col = cols[keys[i]];
      if (col === undefined) col = this.resolveView(r, keys[i]);
      if (col === null) continue;
      const kind = kinds[i];
      if (kind === VIEW_KIND.number) col.addNumberAt(numbers, i);
      else if (kind === VIEW_KIND.text) col.addText(texts[i] as string);
      else if (kind === VIEW_KIND.null) col.addNull();
      else col.addText(kind === VIEW_KIND.true ? "true" : "false");
    }
  }

  /** The top-level fields of a record or view, but the id. */
  private addFields(r: LogRecord | RecordView): void {
    this.rows++;
    const ts = r.timestampMs;
    if (ts === null || !Number.isFinite(ts)) this.tsMissing++;
    else {
      if (ts < this.tsMin) this.tsMin = ts;
      if (ts > this.tsMax) this.tsMax = ts;
    }
    if (r.version !== null) this.versions.add(r.version);
    if (r.prediction !== null) (this.prediction ??= this.topColumn("prediction")).add(r.prediction);
    if (r.score !== null) (this.score ??= this.topColumn("score")).add(r.score);
    if (r.label !== null) (this.label ??= this.topColumn("label")).add(r.label);
    if (r.latencyMs !== null) (this.latency ??= this.topColumn("latency")).add(r.latencyMs);
  }

  /**
   * Finds the columns of every key of the view's row that has none yet, creating new ones in
   * Object.keys order (array-index keys ascending, then the rest in row order), as `add` would.
   */
  private resolveView(r: RecordView, key: number): ColumnBuilder | null {
    const cols = this.viewCols;
    const names = r.keyNames;
    const pending: number[] = [];
    for (let i = 0; i < r.featureCount; i++) if (cols[r.featureKeys[i]] === undefined) pending.push(r.featureKeys[i]);
    const index = (k: number): number => arrayIndex(names[k]);
    pending.sort((a, b) => {
      const ia = index(a);
      const ib = index(b);
      return ia >= 0 && ib >= 0 ? ia - ib : ia >= 0 ? -1 : ib >= 0 ? 1 : 0;
    });
    for (const k of pending) cols[k] = this.column(names[k]);
    return cols[key] as ColumnBuilder | null;
  }

  /**
   * The distinct ids counted so far as sorted hash pairs (see IdCounter.heldIds), null past the
   * id cap: what a parallel read needs to count repeats between its ranges.
   */
  idHashes(): Uint32Array | null {
    return this.ids.heldIds();
  }

  /** Counts lines or rows that could not be read. */
  addMalformed(count: number): void {
    this.malformed += count;
  }

  /** The profile of everything added so far (the builder may go on afterwards). */
  finish(): Profile {
    const features = Object.create(null) as Record<string, ColumnSummary>;
    const names = [...this.features.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const col = this.features.get(name);
      if (col) features[name] = col.toSummary();
    }
    const noTs = this.tsMin === Infinity;
    return {
      formatVersion: PROFILE_FORMAT_VERSION,
      rows: this.rows,
      malformedRows: this.malformed,
      timestamps: { min: noTs ? null : this.tsMin, max: noTs ? null : this.tsMax, missing: this.tsMissing },
      ids: this.ids.result(),
      versions: this.versions.toSummary(),
      features,
      prediction: this.prediction?.toSummary() ?? null,
      score: this.score?.toSummary() ?? null,
      label: this.label?.toSummary() ?? null,
      latency: this.latency?.toSummary() ?? null,
      droppedFeatures: this.dropped,
    };
  }

  private topColumn(name: TopField): ColumnBuilder {
    return new ColumnBuilder(this.columnOptions(this.fieldEdges.get(name), null));
  }

  private column(name: string): ColumnBuilder | null {
    const known = this.features.get(name);
    if (known !== undefined) return known;
    let col: ColumnBuilder | null = null;
    if (this.stored < this.maxFeatures) {
      col = new ColumnBuilder(this.columnOptions(this.edges.get(name), this.declared.get(name) ?? null));
      this.stored++;
    } else if (this.features.size < this.maxFeatures + DROPPED_NAMES_CAP) this.dropped++;
    else return null;
    this.features.set(name, col);
    return col;
  }

  private columnOptions(edges: Float64Array | undefined, declaredType: FeatureType | null): ColumnOptions {
    return {
      exactDistinctCap: this.exactDistinctCap,
      categoryCap: this.categoryCap,
      compression: this.compression,
      edges: edges ?? null,
      declaredType,
    };
  }
}

/** The hash of the id being counted (reused: no allocation per id). */
const ID_HASH = new Uint32Array(2);

/** The value of an array-index key ("0", "17"; what Object.keys puts first, ascending), else -1. */
function arrayIndex(name: string): number {
  if (name.length === 0 || name.length > 10) return -1;
  if (name === "0") return 0;
  const c = name.charCodeAt(0);
  if (c < 49 || c > 57) return -1;
  for (let i = 1; i < name.length; i++) {
    const d = name.charCodeAt(i);
    if (d < 48 || d > 57) return -1;
  }
  const v = Number(name);
  return v < 4294967295 ? v : -1;
}

function count(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new ProfileArgumentError(`ProfileBuilder requires ${name} to be a non-negative integer, got ${v}`);
  return v;
}

/** Bin edges must be finite and increasing; equal neighbours are merged (DESIGN §5 removes duplicates). */
function checkEdges(name: string, edges: number[]): Float64Array {
  const out: number[] = [];
  for (const e of edges) {
    if (!Number.isFinite(e)) throw new ProfileArgumentError(`ProfileBuilder requires finite bin edges for ${name}, got ${e}`);
    if (out.length > 0 && e < out[out.length - 1]) {
      throw new ProfileArgumentError(`ProfileBuilder requires increasing bin edges for ${name}`);
    }
    if (out.length === 0 || e !== out[out.length - 1]) out.push(e);
  }
  return Float64Array.from(out);
}
