import { summaryOfCounts } from "./categories.ts";
import type { CategoricalSummary } from "./types.ts";

/** Distinct values held, as a multiple of the cap, before the rarest are moved to `other`. */
const HELD_PER_CAP = 8;

/**
 * Sums categorical summaries of any number of profiles in one pass (the k-way counterpart of
 * `mergeCategorical`). Exact while the union has at most `cap` values: the same summary a tree of
 * pairwise merges gives. Beyond, the `cap` most frequent are kept; to bound memory, once 8 × cap
 * values are held the rarest are moved to `other`, so kept counts are then lower bounds and
 * counts + other still equals the rows counted.
 *
 * @example
 * const m = new CategoryMerger(1000);
 * m.add({ values: ["a"], counts: [1], other: 0 }); m.add({ values: ["a", "b"], counts: [1, 5], other: 2 });
 * m.result(); // { values: ["b", "a"], counts: [5, 2], other: 2 }
 */
export class CategoryMerger {
  private readonly cap: number;
  private counts = new Map<string, number>();
  private other = 0;

  constructor(cap: number) {
    this.cap = cap;
  }

  /** Adds one summary's counts. */
  add(s: CategoricalSummary): void {
    const m = this.counts;
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      const c = m.get(v);
      m.set(v, c === undefined ? s.counts[i] : c + s.counts[i]);
    }
    this.other += s.other;
    if (m.size > HELD_PER_CAP * Math.max(this.cap, 1)) this.prune();
  }

  /** The merged summary, most frequent first. */
  result(): CategoricalSummary {
    return summaryOfCounts(this.counts, this.other, this.cap);
  }

  private prune(): void {
    const s = this.result();
    this.counts = new Map();
    for (let i = 0; i < s.values.length; i++) this.counts.set(s.values[i], s.counts[i]);
    this.other = s.other;
  }
}
