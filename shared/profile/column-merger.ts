import { CategoryMerger } from "./category-merger.ts";
import { DistributionMerger } from "./distribution-merger.ts";
import { ProfileMergeError } from "./errors.ts";
import { mergeMoments, type MergeLimits, type Moments } from "./merge-columns.ts";
import { PairwiseTree } from "./pairwise-tree.ts";
import type { ColumnSummary, Histogram, NumericSummary } from "./types.ts";
import type { FeatureType } from "../types.ts";

/**
 * Sums the summaries of one column from any number of profiles in one pass (the k-way counterpart
 * of `mergeColumns`): counts, min/max and histograms are summed as they come, categories and
 * distributions by their mergers, and mean and M2 by the balanced tree of pairwise Chan merges
 * that `mergeAll` uses, so they are the same doubles. Each summary is added with its profile's
 * ordinal (0, 1, …, in the order the profiles are merged): a profile without the column counts as
 * an empty leaf of that tree.
 *
 * @throws ProfileMergeError when declared types or histogram edges differ, or a histogram is
 *   missing beside values that would have been binned.
 * @example
 * const m = new ColumnMerger("age", { exactDistinctCap: 10_000, categoryCap: 1000, compression: 3000 });
 * m.add(a, 0); m.add(b, 1);
 * m.result(); // equals mergeColumns("age", a, b, limits)
 */
export class ColumnMerger {
  private readonly name: string;
  private readonly limits: MergeLimits;
  private declaredType: FeatureType | null = null;
  private present = 0;
  private nulls = 0;
  private numeric: NumericMerger | null = null;
  private categorical: CategoryMerger | null = null;
  private edges: number[] | null = null;
  private histogram: Float64Array | null = null;
  /** True once a summary without a histogram had numbers a histogram would count. */
  private binnedNowhere = false;

  constructor(name: string, limits: MergeLimits) {
    this.name = name;
    this.limits = limits;
  }

  /** Adds the summary of the profile with the given ordinal (ordinals increase from call to call). */
  add(c: ColumnSummary, ordinal: number): void {
    if (c.declaredType !== null) {
      if (this.declaredType !== null && this.declaredType !== c.declaredType) {
        throw new ProfileMergeError(this.name, `declared types differ (${this.declaredType}, ${c.declaredType})`);
      }
      this.declaredType = c.declaredType;
    }
    this.present += c.present;
    this.nulls += c.nulls;
    if (c.numeric !== null) (this.numeric ??= new NumericMerger(this.limits)).add(c.numeric, ordinal);
    if (c.categorical !== null) (this.categorical ??= new CategoryMerger(this.limits.categoryCap)).add(c.categorical);
    this.addHistogram(c);
  }

  /** The merged summary. */
  result(): ColumnSummary {
    return {
      declaredType: this.declaredType,
      present: this.present,
      nulls: this.nulls,
      numeric: this.numeric === null ? null : this.numeric.result(),
      categorical: this.categorical === null ? null : this.categorical.result(),
      histogram: this.edges === null ? null : { edges: this.edges, counts: Array.from(this.histogram as Float64Array) },
    };
  }

  private addHistogram(c: ColumnSummary): void {
    const h: Histogram | null = c.histogram;
    if (h === null) {
      const n = c.numeric;
      if (n !== null && n.count + n.posInf + n.negInf > 0) this.binnedNowhere = true;
    } else if (this.edges === null) {
      this.edges = h.edges;
      this.histogram = Float64Array.from(h.counts);
    } else {
      const e = this.edges;
      if (h.edges.length !== e.length || h.edges.some((x, i) => x !== e[i])) throw new ProfileMergeError(this.name, "histogram edges differ");
      const counts = this.histogram as Float64Array;
      for (let i = 0; i < counts.length; i++) counts[i] += h.counts[i];
    }
    if (this.binnedNowhere && this.edges !== null) {
      throw new ProfileMergeError(this.name, "one partial has a histogram and the other has not");
    }
  }
}

/** The numeric part of a column merger. */
class NumericMerger {
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private negatives = 0;
  private min: number | null = null;
  private max: number | null = null;
  private readonly moments = new PairwiseTree<Moments>(mergeMoments);
  private readonly distribution: DistributionMerger;

  constructor(limits: MergeLimits) {
    this.distribution = new DistributionMerger(limits.exactDistinctCap, limits.compression);
  }

  add(n: NumericSummary, ordinal: number): void {
    this.nan += n.nan;
    this.posInf += n.posInf;
    this.negInf += n.negInf;
    this.negatives += n.negatives;
    if (n.min !== null) this.min = this.min === null ? n.min : Math.min(this.min, n.min);
    if (n.max !== null) this.max = this.max === null ? n.max : Math.max(this.max, n.max);
    this.moments.padTo(ordinal);
    this.moments.push({ count: n.count, mean: n.mean, m2: n.m2 });
    this.distribution.add(n.distribution);
  }

  result(): NumericSummary {
    const m = this.moments.result() as Moments;
    return {
      count: m.count,
      nan: this.nan,
      posInf: this.posInf,
      negInf: this.negInf,
      negatives: this.negatives,
      min: this.min,
      max: this.max,
      mean: m.mean,
      m2: m.m2,
      distribution: this.distribution.result(),
    };
  }
}
