import { HashedIdSet } from "./id-set.ts";

/** Ids buffered before they are sorted and merged into the held ones (8 bytes each), at first. */
const MIN_BATCH = 1 << 12;
/** The batch grows with the held ids (a quarter of them) up to this, so merging stays O(n log n). */
const MAX_BATCH = 1 << 19;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Counts prediction ids and their repeats from their 64-bit hashes (`hashIdText`), exactly as a
 * set would while it holds fewer than `cap` distinct ids; past the cap no further id is kept,
 * `approximate` is set and an id counts as a repeat when it is among those kept.
 *
 * A hash set of a million ids spans megabytes, so each probe is a cache miss (≈ 0.2 µs measured
 * here). Instead ids are appended to a batch in arrival order (sequential writes); a full batch
 * is radix-sorted and merged into the sorted array of distinct ids held, counting repeats on the
 * way — sequential memory throughout. Without a cap the number of repeats does not depend on the
 * order (it is ids − distinct), so sorting a batch changes nothing. When a batch could take the
 * set past the cap, the counter turns into a `HashedIdSet` of the ids held and replays that batch
 * in arrival order, so the cap falls on the same id as one id at a time would.
 *
 * Memory: 8 bytes per distinct id held, twice while merging, plus the batch.
 *
 * @example
 * const c = new IdCounter(2_000_000);
 * hashIdText("req-1", h); c.addHash(h); c.addHash(h);
 * c.result(); // { count: 2, distinct: 1, duplicates: 1, approximate: false }
 */
export class IdCounter {
  private count = 0;
  private duplicates = 0;
  private approximate = false;
  // Batch: ids in arrival order as (low, high) word pairs.
  private batch = new Uint32Array(2 * MIN_BATCH);
  private batchLength = 0;
  // Held distinct ids as (low, high) pairs in increasing (high, low) order, and the merge target.
  private held = new Uint32Array(0);
  private heldLength = 0;
  private spare = new Uint32Array(0);
  private hashed: HashedIdSet | null = null;
  private readonly one = new Uint32Array(2);

  constructor(private readonly cap: number) {}

  /** Counts the id whose hash is h[0], h[1]. */
  addHash(h: Uint32Array): void {
    this.count++;
    // (0, 0) is HashedIdSet's empty slot, which stores it as (1, 0): the same here.
    const hi = h[1];
    const lo = h[0] === 0 && hi === 0 ? 1 : h[0];
    if (this.hashed !== null) {
      this.countOne(this.hashed, lo, hi);
      return;
    }
    const n = this.batchLength;
    this.batch[2 * n] = lo;
    this.batch[2 * n + 1] = hi;
    this.batchLength = n + 1;
    if (2 * this.batchLength === this.batch.length) this.flush();
  }

  /**
   * The distinct ids held, as (low, high) word pairs in increasing (high, low) order (a copy), or
   * null past the cap. Parts of one stream counted apart (the ranges of a parallel read) give
   * theirs to one counter's `addSorted` to find the repeats between them.
   */
  heldIds(): Uint32Array | null {
    this.flush();
    if (this.approximate) return null;
    if (this.hashed === null) return this.held.slice(0, 2 * this.heldLength);
    const pairs = this.hashed.pairs();
    sortPairs(pairs, pairs.length >>> 1);
    return pairs;
  }

  /** Counts the ids of `pairs` (distinct and sorted, as `heldIds` gives them) as `addHash` one by one would. */
  addSorted(pairs: Uint32Array): void {
    const n = pairs.length >>> 1;
    this.flush();
    if (this.hashed !== null || this.heldLength + n > this.cap) {
      const one = new Uint32Array(2);
      for (let i = 0; i < n; i++) {
        one[0] = pairs[2 * i];
        one[1] = pairs[2 * i + 1];
        this.addHash(one);
      }
      return;
    }
    this.count += n;
    this.merge(pairs, n);
  }

  /** Ids counted, distinct ids and repeats so far. */
  result(): { count: number; distinct: number; duplicates: number; approximate: boolean } {
    this.flush();
    return { count: this.count, distinct: this.count - this.duplicates, duplicates: this.duplicates, approximate: this.approximate };
  }

  private flush(): void {
    const n = this.batchLength;
    if (n === 0) return;
    this.batchLength = 0;
    // Added one at a time, the batch's ids would all find fewer than `cap` held: no cap in play.
    if (this.heldLength + n > this.cap) {
      this.replayIntoHashSet(n);
      return;
    }
    sortPairs(this.batch, n);
    this.merge(this.batch, n);
    const size = Math.min(MAX_BATCH, Math.max(MIN_BATCH, 2 ** Math.ceil(Math.log2(Math.max(1, this.heldLength >>> 2)))));
    if (2 * size !== this.batch.length) this.batch = new Uint32Array(2 * size);
  }

  /** Merges the sorted pairs b[0, 2n) into the held ids, counting repeats. */
  private merge(b: Uint32Array, n: number): void {
    const a = this.held;
    const na = this.heldLength;
    if (this.spare.length < 2 * (na + n)) this.spare = new Uint32Array(Math.max(2 * (na + n), 2 * this.spare.length));
    const out = this.spare;
    let i = 0;
    let j = 0;
    let k = 0;
    let repeats = 0;
    while (j < n) {
      const lo = b[2 * j];
      const hi = b[2 * j + 1];
      // Held ids below this one go first.
      while (i < na && (a[2 * i + 1] < hi || (a[2 * i + 1] === hi && a[2 * i] < lo))) {
        out[2 * k] = a[2 * i];
        out[2 * k + 1] = a[2 * i + 1];
        k++;
        i++;
      }
      let run = 1;
      while (j + run < n && b[2 * (j + run)] === lo && b[2 * (j + run) + 1] === hi) run++;
      if (i < na && a[2 * i] === lo && a[2 * i + 1] === hi) repeats += run; // held already
      else {
        repeats += run - 1;
        out[2 * k] = lo;
        out[2 * k + 1] = hi;
        k++;
      }
      j += run;
    }
    while (i < na) {
      out[2 * k] = a[2 * i];
      out[2 * k + 1] = a[2 * i + 1];
      k++;
      i++;
    }
    this.duplicates += repeats;
    this.spare = a;
    this.held = out;
    this.heldLength = k;
  }

  /** From here on, one id at a time in a hash set: the held ids, then the batch in arrival order. */
  private replayIntoHashSet(n: number): void {
    const set = new HashedIdSet(Math.max(1 << 12, 2 ** Math.ceil(Math.log2(2 * (this.heldLength + n)))));
    const one = this.one;
    for (let i = 0; i < this.heldLength; i++) {
      one[0] = this.held[2 * i];
      one[1] = this.held[2 * i + 1];
      set.addHash(one);
    }
    this.held = new Uint32Array(0);
    this.spare = new Uint32Array(0);
    this.heldLength = 0;
    for (let j = 0; j < n; j++) this.countOne(set, this.batch[2 * j], this.batch[2 * j + 1]);
    this.hashed = set;
  }

  /** One id against the hash set, as the cap says (count already taken). */
  private countOne(set: HashedIdSet, lo: number, hi: number): void {
    const one = this.one;
    one[0] = lo;
    one[1] = hi;
    if (set.size < this.cap) {
      if (!set.addHash(one)) this.duplicates++;
    } else {
      this.approximate = true;
      if (set.hasHash(one)) this.duplicates++;
    }
  }
}

let scratch = new Uint32Array(0);
const counts = new Uint32Array(3 * BUCKETS);

/**
 * Sorts (low, high) pairs [0, n) by (high, low): an LSD radix sort on the high word (three 11-bit
 * digits, moving both words), then runs of equal high words (rare for hashes) by the low word.
 */
function sortPairs(p: Uint32Array, n: number): void {
  if (scratch.length < 2 * n) scratch = new Uint32Array(2 * n);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const hi = p[2 * i + 1];
    counts[hi & (BUCKETS - 1)]++;
    counts[BUCKETS + ((hi >>> DIGIT_BITS) & (BUCKETS - 1))]++;
    counts[2 * BUCKETS + (hi >>> (2 * DIGIT_BITS))]++;
  }
  let src: Uint32Array = p;
  let dst: Uint32Array = scratch;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * BUCKETS;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    const shift = pass * DIGIT_BITS;
    for (let i = 0; i < n; i++) {
      const hi = src[2 * i + 1];
      const at = 2 * counts[base + ((hi >>> shift) & (BUCKETS - 1))]++;
      dst[at] = src[2 * i];
      dst[at + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  // Three passes: the result is in scratch; copy back, ordering equal high words by the low word.
  p.set(src.subarray(0, 2 * n));
  for (let i = 1; i < n; i++) {
    const hi = p[2 * i + 1];
    if (hi !== p[2 * i - 1]) continue;
    const lo = p[2 * i];
    let k = i - 1;
    while (k >= 0 && p[2 * k + 1] === hi && p[2 * k] > lo) {
      p[2 * k + 2] = p[2 * k];
      k--;
    }
    p[2 * k + 2] = lo;
  }
}
