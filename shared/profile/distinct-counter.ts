import { sortFloat64 } from "./radix-sort.ts";

// Scratch views for reading a double's bits without allocating.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const INITIAL_SLOTS = 64;

/**
 * Counts of distinct finite numbers in an open-addressing hash table over typed arrays: no
 * allocation per value (a Map would box each double key). NaN marks an empty slot, -0 is folded
 * into 0 (as numpy and Map do). `add` reports when the distinct count would pass the cap, so the
 * caller can switch to a sketch; the table itself never holds more than `cap` values.
 *
 * @example
 * const c = new DistinctCounter(10_000);
 * c.add(1.5); c.add(1.5); c.add(2);
 * c.sortedEntries(); // { values: Float64Array [1.5, 2], counts: Float64Array [2, 1] }
 */
export class DistinctCounter {
  readonly cap: number;
  private keys: Float64Array;
  private counts: Float64Array;
  private mask: number;
  private bits: number;
  private size = 0;

  constructor(cap: number) {
    this.cap = cap;
    this.keys = new Float64Array(INITIAL_SLOTS).fill(NaN);
    this.counts = new Float64Array(INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
    this.bits = Math.log2(INITIAL_SLOTS);
  }

  /** Number of distinct values held. */
  get distinct(): number {
    return this.size;
  }

  /** Counts x (finite) `times` times; returns false, changing nothing, when x is new and the table is full. */
  add(x: number, times = 1): boolean {
    const v = x + 0;
    const keys = this.keys;
    let h = this.slot(v);
    for (;;) {
      const k = keys[h];
      if (k === v) {
        this.counts[h] += times;
        return true;
      }
      if (k !== k) break;
      h = (h + 1) & this.mask;
    }
    if (this.size >= this.cap) return false;
    keys[h] = v;
    this.counts[h] = times;
    this.size++;
    if (this.size * 10 > (this.mask + 1) * 7) this.grow();
    return true;
  }

  /**
   * Counts the finite values xs[from, to) once each, in order, until one is new and the table
   * is full; returns the index of that value (to when all were counted). The probe is `add`'s,
   * inlined, so no double is passed as an argument.
   */
  addAll(xs: Float64Array, from: number, to: number): number {
    let keys = this.keys;
    let counts = this.counts;
    let mask = this.mask;
    let shift = 32 - this.bits;
    for (let i = from; i < to; i++) {
      const v = xs[i] + 0;
      scratch[0] = v;
      const m = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b);
      let h = (m ^ (m >>> 15)) >>> shift;
      for (;;) {
        const k = keys[h];
        if (k === v) {
          counts[h]++;
          break;
        }
        if (k !== k) {
          if (this.size >= this.cap) return i;
          keys[h] = v;
          counts[h] = 1;
          if (++this.size * 10 > (mask + 1) * 7) {
            this.grow();
            keys = this.keys;
            counts = this.counts;
            mask = this.mask;
            shift = 32 - this.bits;
          }
          break;
        }
        h = (h + 1) & mask;
      }
    }
    return to;
  }

  /** Values in increasing order with their counts. */
  sortedEntries(): { values: Float64Array; counts: Float64Array } {
    const values = new Float64Array(this.size);
    let n = 0;
    for (let i = 0; i <= this.mask; i++) if (this.keys[i] === this.keys[i]) values[n++] = this.keys[i];
    sortFloat64(values, n);
    const counts = new Float64Array(n);
    for (let i = 0; i < n; i++) counts[i] = this.counts[this.find(values[i])];
    return { values, counts };
  }

  private find(v: number): number {
    let h = this.slot(v);
    while (this.keys[h] !== v) h = (h + 1) & this.mask;
    return h;
  }

  private slot(v: number): number {
    scratch[0] = v;
    const h = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b);
    return (h ^ (h >>> 15)) >>> (32 - this.bits);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const slots = oldKeys.length * 2;
    this.keys = new Float64Array(slots).fill(NaN);
    this.counts = new Float64Array(slots);
    this.mask = slots - 1;
    this.bits++;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== k) continue;
      let h = this.slot(k);
      while (this.keys[h] === this.keys[h]) h = (h + 1) & this.mask;
      this.keys[h] = k;
      this.counts[h] = oldCounts[i];
    }
  }
}
