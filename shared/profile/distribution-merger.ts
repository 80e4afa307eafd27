import { toStream } from "./distribution.ts";
import { compressStreams, compressionCapacity, newCentroidArrays, type CentroidArrays, type CentroidStream } from "./tdigest-core.ts";
import type { Distribution, TDigestDistribution } from "./types.ts";
import { sumSorted, WeightedRuns } from "./weighted-runs.ts";

/** Values gathered (as sorted runs) before they are sorted together and merged in. */
const BUFFER_VALUES = 8_192;

/** Strictly increasing values with their counts. */
interface Union {
  values: Float64Array;
  weights: Float64Array;
  length: number;
}

const EMPTY: CentroidStream = { means: new Float64Array(0), weights: null, points: null, length: 0 };

/**
 * Merges the distributions of one column from any number of profiles in one pass (the k-way
 * counterpart of `mergeDistributions`). Every input is already sorted, so inputs are gathered as
 * runs in a typed buffer and merged by a bottom-up merge of runs, O(log k) moves per value, then:
 * - while the union has at most `exactDistinctCap` distinct values, summed into the exact union:
 *   the very distribution a tree of pairwise merges gives;
 * - past the cap, or once an input is a digest, compressed into one merging t-digest, a buffer at
 *   a time as the ingest builder does (more accurate than a tree of digest merges). Its
 *   compression is the given one when exact values outgrow the cap, else the largest of the input
 *   digests' (never less than one of them).
 * Deterministic for a given input order. Memory: the buffer (≈ 256 KiB with its scratch), the
 * exact union or the centroids.
 *
 * @example
 * const m = new DistributionMerger(10_000, 3000);
 * m.add({ kind: "exact", values: [1, 2], counts: [1, 1] });
 * m.add({ kind: "exact", values: [2], counts: [3] });
 * m.result(); // { kind: "exact", values: [1, 2], counts: [1, 4] }
 */
export class DistributionMerger {
  private readonly exactDistinctCap: number;
  private readonly compression: number;
  private readonly runs = new WeightedRuns(0);
  private inputs = 0;
  private first: Distribution | null = null;
  // Exact mode: the strictly increasing union and its spare (merges write into the spare).
  private union: Union | null = { values: new Float64Array(0), weights: new Float64Array(0), length: 0 };
  private spareUnion: Union = { values: new Float64Array(0), weights: new Float64Array(0), length: 0 };
  // Digest mode: centroids [0, n) of `cur`, compressed at `delta` into `next`, then swapped.
  private delta = 0;
  private cur: CentroidArrays | null = null;
  private next: CentroidArrays | null = null;
  private n = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(exactDistinctCap: number, compression: number) {
    this.exactDistinctCap = exactDistinctCap;
    this.compression = compression;
  }

  /** Adds one distribution (not modified; only the first is kept, to be returned if it stays alone). */
  add(d: Distribution): void {
    if (this.inputs++ === 0) this.first = d;
    if (d.kind === "exact") {
      this.runs.append(d.values, d.counts);
      if (this.runs.length >= BUFFER_VALUES) this.flush();
    } else this.addDigest(d);
  }

  /** The merged distribution; a single input comes back as it was. */
  result(): Distribution {
    if (this.inputs === 1) return this.first as Distribution;
    this.flush();
    if (this.union !== null) {
      const u = this.union;
      return { kind: "exact", values: toArray(u.values, u.length), counts: toArray(u.weights, u.length) };
    }
    const c = this.cur as CentroidArrays;
    const means = toArray(c.means, this.n);
    const weights = toArray(c.weights, this.n);
    const points: number[] = [];
    for (let i = 0; i < this.n; i++) if (c.points[i] === 1 && weights[i] > 1) points.push(i);
    return { kind: "tdigest", compression: this.delta, min: this.min, max: this.max, means, weights, points };
  }

  private addDigest(d: TDigestDistribution): void {
    this.flush();
    if (d.min < this.min) this.min = d.min;
    if (d.max > this.max) this.max = d.max;
    if (this.union !== null) this.toDigest(d.compression, toStream(d));
    else {
      if (d.compression > this.delta) this.delta = d.compression;
      this.compress(toStream(d));
    }
  }

  /** Sorts the gathered runs and merges them into the union or the digest. */
  private flush(): void {
    const r = this.runs;
    if (r.length === 0) return;
    r.sort();
    if (r.values[0] < this.min) this.min = r.values[0];
    if (r.values[r.length - 1] > this.max) this.max = r.values[r.length - 1];
    if (this.union !== null) {
      const u = this.union;
      const size = u.length + r.length;
      let s = this.spareUnion;
      if (s.values.length < size) s = { values: new Float64Array(2 * size), weights: new Float64Array(2 * size), length: 0 };
      s.length = sumSorted(u.values, u.weights, u.length, r.values, r.unitWeights ? null : r.weights, r.length, s.values, s.weights);
      this.spareUnion = u;
      this.union = s;
      if (s.length > this.exactDistinctCap) this.toDigest(this.compression, EMPTY);
    } else this.compress({ means: r.values, weights: r.unitWeights ? null : r.weights, points: null, length: r.length });
    r.clear();
  }

  /** Leaves exact mode: the union (its values are points) and `with` compressed into a digest. */
  private toDigest(delta: number, other: CentroidStream): void {
    const u = this.union as Union;
    this.union = null;
    this.spareUnion = { values: new Float64Array(0), weights: new Float64Array(0), length: 0 };
    this.delta = delta;
    this.cur = newCentroidArrays(compressionCapacity(delta));
    this.n = compressStreams({ means: u.values, weights: u.weights, points: null, length: u.length }, other, delta, this.cur);
  }

  private compress(s: CentroidStream): void {
    const capacity = compressionCapacity(this.delta);
    if (this.next === null || this.next.means.length < capacity) this.next = newCentroidArrays(capacity);
    const c = this.cur as CentroidArrays;
    this.n = compressStreams({ means: c.means, weights: c.weights, points: c.points, length: this.n }, s, this.delta, this.next);
    this.cur = this.next;
    this.next = c;
  }
}

function toArray(a: Float64Array, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = a[i];
  return out;
}
