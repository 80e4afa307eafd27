import { compressStreams, compressionCapacity, newCentroidArrays, type CentroidArrays, type CentroidStream } from "./tdigest-core.ts";
import type { TDigestDistribution } from "./types.ts";
import { countSorted } from "./histogram.ts";
import { sortedFloat64 } from "./radix-sort.ts";

/** Bin edges and the counts to add every value to (see `countSorted`). */
export interface DigestHistogram {
  edges: Float64Array;
  counts: Float64Array;
}

/** Raw values buffered before a sort-and-merge pass: large enough that the pass is amortised. */
const BUFFER_VALUES = 8_192;

/**
 * The ingest side of the t-digest: finite values go to a typed buffer (no allocation per value);
 * a full buffer is radix-sorted and merged into the centroids. Deterministic: the same values in
 * the same order give the same centroids. Memory ≈ 64 KiB of buffer + 2 × 17 bytes × (δ + 8).
 *
 * Error and size at δ = 3,000 (measured against exact computation at n = 10^6 and 10^7, one stream
 * and up to 1,000 merged partials; see shared/profile/README.md): KS D within 0.001, normalised W1
 * within 0.14% relative under drift, quantiles within 0.15% rank, ≤ 1,970 centroids, ≤ 44 KiB JSON.
 *
 * @example
 * const d = new TDigestBuilder(3000);
 * for (const x of xs) d.add(x);
 * d.toDistribution(); // { kind: "tdigest", means, weights, points, min, max, compression }
 */
export class TDigestBuilder {
  readonly compression: number;
  private cur: CentroidArrays;
  private next: CentroidArrays;
  private n = 0;
  private readonly buf = new Float64Array(BUFFER_VALUES);
  private bufLen = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly stream: CentroidStream;
  private readonly raw: CentroidStream;

  /** `histogram`: counts every value added into these bins too, from the sorted buffer. */
  constructor(compression: number, private readonly histogram: DigestHistogram | null = null) {
    this.compression = compression;
    const cap = compressionCapacity(compression);
    this.cur = newCentroidArrays(cap);
    this.next = newCentroidArrays(cap);
    this.stream = { means: this.cur.means, weights: this.cur.weights, points: this.cur.points, length: 0 };
    this.raw = { means: this.buf, weights: null, points: null, length: 0 };
  }

  /** Adds one finite value (-0 as 0). */
  add(x: number): void {
    this.buf[this.bufLen++] = x + 0;
    if (this.bufLen === BUFFER_VALUES) this.flush();
  }

  /** Adds the finite values xs[from, to) (-0 already 0), in order, as `add` would one by one. */
  addAll(xs: Float64Array, from: number, to: number): void {
    const buf = this.buf;
    let len = this.bufLen;
    for (let i = from; i < to; i++) {
      buf[len++] = xs[i];
      if (len === BUFFER_VALUES) {
        this.bufLen = len;
        this.flush();
        len = 0;
      }
    }
    this.bufLen = len;
  }

  /** Adds sorted distinct values with their counts (an exact distribution that outgrew its cap). */
  addSortedWeighted(values: Float64Array, counts: Float64Array): void {
    if (values.length === 0) return;
    // Raw values (an exact distribution that outgrew its cap) count into the histogram; a merged
    // digest's centroids (addCentroids) do not — merged histograms are summed on their own.
    if (this.histogram !== null) countSorted(this.histogram.edges, values, counts, values.length, this.histogram.counts);
    this.addCentroids({ means: values, weights: counts, points: null, length: values.length }, values[0], values[values.length - 1]);
  }

  /** Adds a sorted centroid stream (e.g. another digest's) whose values lie in [min, max]. */
  addCentroids(s: CentroidStream, min: number, max: number): void {
    this.flush();
    if (s.length === 0) return;
    this.mergeIn(s);
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
  }

  /** Sorts the buffer and merges it into the centroids. */
  flush(): void {
    const len = this.bufLen;
    if (len === 0) return;
    const sorted = sortedFloat64(this.buf, len);
    if (this.histogram !== null) countSorted(this.histogram.edges, sorted, null, len, this.histogram.counts);
    if (sorted[0] < this.min) this.min = sorted[0];
    if (sorted[len - 1] > this.max) this.max = sorted[len - 1];
    this.raw.means = sorted;
    this.raw.length = len;
    this.mergeIn(this.raw);
    this.bufLen = 0;
  }

  private mergeIn(s: CentroidStream): void {
    const st = this.stream;
    st.means = this.cur.means;
    st.weights = this.cur.weights;
    st.points = this.cur.points;
    st.length = this.n;
    this.n = compressStreams(st, s, this.compression, this.next);
    const t = this.cur;
    this.cur = this.next;
    this.next = t;
  }

  /** The serialisable digest (flushes the buffer first). */
  toDistribution(): TDigestDistribution {
    this.flush();
    const means: number[] = new Array(this.n);
    const weights: number[] = new Array(this.n);
    const points: number[] = [];
    for (let i = 0; i < this.n; i++) {
      means[i] = this.cur.means[i];
      weights[i] = this.cur.weights[i];
      if (this.cur.points[i] === 1 && this.cur.weights[i] > 1) points.push(i);
    }
    return { kind: "tdigest", compression: this.compression, min: this.min, max: this.max, means, weights, points };
  }
}
