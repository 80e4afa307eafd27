import type { FeatureType, FieldValue } from "../types.ts";
import { CategoryCounter } from "./categories.ts";
import { DistinctCounter } from "./distinct-counter.ts";
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

/**
 * Accumulates one column: presence and nulls, the numeric part (Welford moments, exact distinct
 * counts that switch to a t-digest past the cap, histogram) and the categorical part. Adding a
 * number allocates nothing; strings cost one Map update.
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

  constructor(options: ColumnOptions) {
    this.options = options;
    this.exact = new DistinctCounter(options.exactDistinctCap);
    this.edges = options.edges;
    this.hist = options.edges === null ? null : new Float64Array(options.edges.length + 1);
  }

  /** Counts one present value: null and "" are nulls, numbers numeric, the rest categories. */
  add(v: FieldValue): void {
    this.present++;
    if (typeof v === "number") this.addNumber(v);
    else if (typeof v === "string") {
      if (v === "") this.nulls++;
      else this.addCategory(v);
    } else if (v === null || v === undefined) this.nulls++;
    else if (typeof v === "boolean") this.addCategory(v ? "true" : "false");
    else this.addCategory(String(v));
  }

  // Calls below pass the caller's tagged `v`, never the unboxed `x`: a double passed to a call that
  // is not inlined would be boxed, one allocation per value. Callees fold -0 themselves.
  private addNumber(v: number): void {
    this.numbers++;
    if (v - v === 0) {
      const x = v + 0; // -0 → 0, as numpy and JSON see it
      const n = ++this.count;
      const d = x - this.mean;
      this.mean += d / n;
      this.m2 += d * (x - this.mean);
      if (x < this.min) this.min = x;
      if (x > this.max) this.max = x;
      if (x < 0) this.negatives++;
      if (this.hist !== null) this.hist[binOf(this.edges as Float64Array, v)]++;
      if (this.digest !== null) this.digest.add(v);
      else if (!(this.exact as DistinctCounter).add(v)) this.switchToDigest(v);
    } else if (v !== v) this.nan++;
    else {
      if (v > 0) this.posInf++;
      else {
        this.negInf++;
        this.negatives++;
      }
      if (this.hist !== null) this.hist[binOf(this.edges as Float64Array, v)]++;
    }
  }

  private switchToDigest(x: number): void {
    const d = new TDigestBuilder(this.options.compression);
    const e = (this.exact as DistinctCounter).sortedEntries();
    d.addSortedWeighted(e.values, e.counts);
    d.add(x);
    this.digest = d;
    this.exact = null;
  }

  private addCategory(s: string): void {
    (this.cats ??= new CategoryCounter(this.options.categoryCap)).add(s);
  }

  /** The column's serialisable summary. */
  toSummary(): ColumnSummary {
    return {
      declaredType: this.options.declaredType,
      present: this.present,
      nulls: this.nulls,
      numeric: this.numbers === 0 ? null : this.numericSummary(),
      categorical: this.cats === null ? null : this.cats.toSummary(),
      histogram: this.edges === null ? null : { edges: Array.from(this.edges), counts: Array.from(this.hist as Float64Array) },
    };
  }

  private numericSummary(): NumericSummary {
    let distribution: Distribution;
    if (this.digest !== null) distribution = this.digest.toDistribution();
    else {
      const e = (this.exact as DistinctCounter).sortedEntries();
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

/** Edge counts up to which a linear, branch-free count beats binary search. */
const LINEAR_EDGES = 16;

/** Index of the bin holding x: the number of edges ≤ x (bins are closed on the left). @example binOf([0, 1], 1); // 2 */
export function binOf(edges: Float64Array | number[], x: number): number {
  const n = edges.length;
  if (n <= LINEAR_EDGES) {
    let b = 0;
    for (let i = 0; i < n; i++) b += edges[i] <= x ? 1 : 0;
    return b;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
