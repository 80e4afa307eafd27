import type { FieldMap } from "../types.ts";

/** What a top-level key is, as bits: the mapped fields of `FieldMap` (a key may map to several). */
export const ROLE = {
  timestamp: 1,
  id: 2,
  version: 4,
  prediction: 8,
  score: 16,
  label: 32,
  latency: 64,
  features: 128,
  probabilities: 256,
} as const;

/** Distinct key names a read keeps ids for; rows with further new names take the slow path. */
export const MAX_KEYS = 10_000;

/**
 * The key names of one JSON Lines read, each with a small integer id and its roles, so rows can
 * carry key ids instead of strings. Names are compared as bytes against the previous row's key
 * at the same position (`KeyOrder`), so a row shaped like the last one decodes no key.
 *
 * @example
 * const t = new KeyTable(DEFAULT_FIELDS);
 * t.idOf("age"); // 0; t.names[0] === "age"; t.roles[0] === 0
 */
export class KeyTable {
  readonly names: string[] = [];
  readonly roles: number[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly fields: FieldMap) {}

  /** The id of `name`, added if new; -1 once the table is full. */
  idOf(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    if (this.names.length >= MAX_KEYS) return -1;
    const id = this.names.length;
    this.names.push(name);
    this.roles.push(rolesOf(name, this.fields));
    this.ids.set(name, id);
    return id;
  }

  /** The id of `name` if it was seen, else -1. */
  find(name: string): number {
    return this.ids.get(name) ?? -1;
  }
}

function rolesOf(name: string, f: FieldMap): number {
  let r = 0;
  if (name === f.timestamp) r |= ROLE.timestamp;
  if (name === f.id) r |= ROLE.id;
  if (name === f.version) r |= ROLE.version;
  if (name === f.prediction) r |= ROLE.prediction;
  if (name === f.score) r |= ROLE.score;
  if (name === f.label) r |= ROLE.label;
  if (name === f.latency) r |= ROLE.latency;
  if (name === f.features) r |= ROLE.features;
  if (name === f.probabilities) r |= ROLE.probabilities;
  return r;
}

/** Bytes of remembered keys before the memory is reset (rows whose key order keeps changing). */
const POOL_BYTES = 1 << 16;

/**
 * The key ids of the last rows by position in one object level, with the keys' raw bytes: a key
 * whose bytes equal those remembered at its position has that id without being decoded.
 *
 * @example
 * order.lookup(buf, start, end, 0); // the id remembered for position 0 if the bytes match, else -1
 */
export class KeyOrder {
  private offsets = new Int32Array(64);
  private lengths = new Int32Array(64).fill(-1);
  private ids = new Int32Array(64);
  private pool = new Uint8Array(POOL_BYTES);
  private used = 0;

  /**
   * The id remembered at `pos` when the key whose contents start at b[q] has the remembered
   * bytes (the byte after them being its closing quote), else -1. A remembered key was read
   * whole, so the same bytes followed by a quote are the same key.
   */
  match(b: Uint8Array, q: number, pos: number): number {
    if (pos >= this.lengths.length) return -1;
    const length = this.lengths[pos];
    if (length < 0 || b[q + length] !== 34) return -1;
    const pool = this.pool;
    const base = this.offsets[pos] - q;
    for (let k = q; k < q + length; k++) if (pool[base + k] !== b[k]) return -1;
    return this.ids[pos];
  }

  /** Length of the key remembered at `pos` (after a successful `match`). */
  lengthAt(pos: number): number {
    return this.lengths[pos];
  }

  /** Remembers that the key at `pos` with bytes b[start, end) has id `id`. */
  remember(b: Uint8Array, start: number, end: number, pos: number, id: number): void {
    const length = end - start;
    if (length > POOL_BYTES) return;
    if (pos >= this.lengths.length) this.grow(pos + 1);
    if (this.used + length > POOL_BYTES) {
      this.lengths.fill(-1);
      this.used = 0;
    }
    this.pool.set(b.subarray(start, end), this.used);
    this.offsets[pos] = this.used;
    this.lengths[pos] = length;
    this.ids[pos] = id;
    this.used += length;
  }

  private grow(min: number): void {
    const n = Math.max(min, 2 * this.lengths.length);
    const offsets = new Int32Array(n);
    const lengths = new Int32Array(n).fill(-1);
    const ids = new Int32Array(n);
    offsets.set(this.offsets);
    lengths.set(this.lengths);
    ids.set(this.ids);
    this.offsets = offsets;
    this.lengths = lengths;
    this.ids = ids;
  }
}
