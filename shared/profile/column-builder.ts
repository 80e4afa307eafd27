import type { FeatureType, FieldValue } from "../types.ts";
import { CategoryCounter } from "./categories.ts";
import { DistinctCounter } from "./distinct-counter.ts";
import { mergeMoments } from "./merge-columns.ts";
import { countSorted } from "./histogram.ts";
import { TDigestBuilder } from "./tdigest-builder.ts";
import type { ColumnSummary, Distribution, NumericSummary } from "./types.ts";

/** What a column builder needs to know; the profile builder fills it from its options. */
export interface ColumnOptions {
  exactDistinctCap: number;
  categoryCap: number;
  compression: number;
  /** Strictly increasing finite bin edges, or null for no histogram. */
  edges: Float64Array | null;
  declaredType: FeatureType | null;
}

/** Distinct values in increasing order with their counts. */
type SortedEntries = ReturnType<DistinctCounter["sortedEntries"]>;

/** Numbers a column buffers before counting them (a batch of 2 KiB). */
const PENDING_NUMBERS = 256;

/**
 * Accumulates one column: presence and nulls, the numeric part (moments by batches, exact distinct
 * counts that switch to a t-digest past the cap, histogram) and the categorical part. Adding a
 * number allocates nothing (numbers are counted in batches); strings cost one Map update.
 *
 * @example
 * const c = new ColumnBuilder({ exactDistinctCap: 10_000, categoryCap: 1000, compression: 3000, edges: null, declaredType: null });
 * c.add(1); c.add("x"); c.add(null);
 * c.toSummary().nulls; // 1
 */
export class ColumnBuilder {
  present = 0;
  nulls = 0;
  private numbers = 0;
  private count = 0;
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private negatives = 0;
  private min = Infinity;
  private max = -Infinity;
  private mean = 0;
  private m2 = 0;
  private exact: DistinctCounter | null;
  private digest: TDigestBuilder | null = null;
  private readonly edges: Float64Array | null;
  private readonly hist: Float64Array | null;
  private cats: CategoryCounter | null = null;
  private readonly options: ColumnOptions;
  private readonly pending = new Float64Array(PENDING_NUMBERS);
  private pendingCount = 0;

  constructor(options: ColumnOptions) {
    this.options = options;
    this.exact = new DistinctCounter(options.exactDistinctCap);
    this.edges = options.edges;
    this.hist = options.edges === null ? null : new Float64Array(options.edges.length + 1);
  }

  /** Counts one present value: null and "" are nulls, numbers numeric, the rest categories. */
  add(v: FieldValue): void {
    if (typeof v === "number") this.addNumber(v);
    else if (typeof v === "string") this.addText(v);
    else if (v === null || v === undefined) this.addNull();
    else this.addText(v ? "true" : "false");
  }

  /** Counts one number (any double). Numbers are buffered and counted a batch at a time. */
  addNumber(x: number): void {
    this.present++;
    this.pending[this.pendingCount++] = x;
    if (this.pendingCount === PENDING_NUMBERS) this.countPending();
  }

  /** `addNumber(xs[i])`, without passing a double as an argument (which may box it). */
  addNumberAt(xs: Float64Array, i: number): void {
    this.present++;
    this.pending[this.pendingCount++] = xs[i];
    if (this.pendingCount === PENDING_NUMBERS) this.countPending();
  }

  /** Counts one text value: "" is a null, anything else a category. */
  addText(s: string): void {
    this.present++;
    if (s === "") this.nulls++;
    else (this.cats ??= new CategoryCounter(this.options.categoryCap)).add(s);
  }

  /** Counts one null. */
  addNull(): void {
    this.present++;
    this.nulls++;
  }

  /**
   * Counts the buffered numbers in arrival order: non-finite ones, min/max, the batch's moments; then
   * the finite ones (-0 as 0), still in order, go to the exact counter until it is full and to
   * the digest after. Tight loops over typed arrays: no double is boxed, and the column's state
   * stays in cache while they run. Finite values reach the histogram later, sorted: from the
   * exact counts at summary time, or from the digest's sorted buffer.
   */
  private countPending(): void {
    const xs = this.pending;
    const n = this.pendingCount;
    if (n === 0) return;
    this.pendingCount = 0;
    this.numbers += n;
    let min = this.min;
    let max = this.max;
    let negatives = this.negatives;
    let finite = 0;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const v = xs[k];
      if (v - v === 0) {
        const x = v + 0; // -0 → 0, as numpy and JSON see it
        sum += x;
        if (x < min) min = x;
        if (x > max) max = x;
        if (x < 0) negatives++;
        xs[finite++] = x;
      } else if (v !== v) this.nan++;
      else {
        if (v > 0) this.posInf++;
        else {
          this.negInf++;
          negatives++;
        }
        if (this.hist !== null) this.hist[v > 0 ? this.hist.length - 1 : 0]++;
      }
    }
    if (finite > 0) this.addMoments(xs, finite, sum);
    this.min = min;
    this.max = max;
    this.negatives = negatives;
    let from = 0;
    if (this.exact !== null) {
      from = this.exact.addAll(xs, 0, finite);
      if (from < finite) this.switchToDigest();
    }
    if (this.digest !== null && from < finite) this.digest.addAll(xs, from, finite);
  }

  /**
   * Adds the moments of the finite values xs[0, n) whose sum is `sum`: the batch's mean and M2 by
   * two passes (with the compensating term of Chan, Golub & LeVeque, "Algorithms for computing
   * the sample variance", 1983 — M2 = Σd² − (Σd)²/n, d = x − mean), then combined with the running
   * moments by Chan's formula (mergeMoments). No division per value, unlike Welford's update,
   * and at least as accurate. A batch whose sum overflows (values near ±1.8e308) takes Welford's
   * update instead, which does not.
   */
  private addMoments(xs: Float64Array, n: number, sum: number): void {
    if (sum - sum !== 0) {
      let count = this.count;
      let mean = this.mean;
      let m2 = this.m2;
      for (let k = 0; k < n; k++) {
        const d = xs[k] - mean;
        mean += d / ++count;
        m2 += d * (xs[k] - mean);
      }
      this.count = count;
      this.mean = mean;
      this.m2 = m2;
      return;
    }
    const batchMean = sum / n + 0; // a sum of tiny negatives and zeros rounds to -0: JSON keeps no sign of zero
    let squares = 0;
    let deviations = 0;
    for (let k = 0; k < n; k++) {
      const d = xs[k] - batchMean;
      squares += d * d;
      deviations += d;
    }
    const m = mergeMoments({ count: this.count, mean: this.mean, m2: this.m2 }, { count: n, mean: batchMean, m2: squares - (deviations * deviations) / n });
    this.count = m.count;
    this.mean = m.mean;
    this.m2 = m.m2;
  }

  private switchToDigest(): void {
    const d = new TDigestBuilder(this.options.compression, this.edges === null ? null : { edges: this.edges, counts: this.hist as Float64Array });
    const e = (this.exact as DistinctCounter).sortedEntries();
    d.addSortedWeighted(e.values, e.counts);
    this.digest = d;
    this.exact = null;
  }

  /** The column's serialisable summary. */
  toSummary(): ColumnSummary {
    this.countPending();
    this.digest?.flush();
    const entries = this.exact !== null ? this.exact.sortedEntries() : null;
    return {
      declaredType: this.options.declaredType,
      present: this.present,
      nulls: this.nulls,
      numeric: this.numbers === 0 ? null : this.numericSummary(entries),
      categorical: this.cats === null ? null : this.cats.toSummary(),
      histogram: this.edges === null ? null : { edges: Array.from(this.edges), counts: this.histogramCounts(entries) },
    };
  }

  /** Bin counts: those kept (non-finite values, the digest's) plus the exact values' when exact. */
  private histogramCounts(entries: SortedEntries | null): number[] {
    const counts = Float64Array.from(this.hist as Float64Array);
    if (entries !== null) countSorted(this.edges as Float64Array, entries.values, entries.counts, entries.values.length, counts);
    return Array.from(counts);
  }

  private numericSummary(entries: SortedEntries | null): NumericSummary {
    let distribution: Distribution;
    if (this.digest !== null) distribution = this.digest.toDistribution();
    else {
      const e = entries as SortedEntries;
      distribution = { kind: "exact", values: Array.from(e.values), counts: Array.from(e.counts) };
    }
    const empty = this.count === 0;
    return {
      count: this.count,
      nan: this.nan,
      posInf: this.posInf,
      negInf: this.negInf,
      negatives: this.negatives,
      min: empty ? null : this.min,
      max: empty ? null : this.max,
      mean: this.mean,
      m2: this.m2,
      distribution,
    };
  }
}
