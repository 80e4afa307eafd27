import type { CategoricalSummary } from "./types.ts";

/**
 * Capped counting of categories. The counter keeps up to 2 × cap distinct values; when full it
 * keeps the `cap` most frequent (ties by value) and moves the rest into `other`, so frequent values
 * survive streams of rare ones and memory stays bounded. Under the cap every count is exact; past
 * it, kept counts are lower bounds and counts + other always equals the rows counted.
 *
 * @example
 * const c = new CategoryCounter(1000);
 * c.add("a"); c.add("b"); c.add("a");
 * c.toSummary(); // { values: ["a", "b"], counts: [2, 1], other: 0 }
 */
export class CategoryCounter {
  readonly cap: number;
  // value → slot in `counts`: one Map lookup per known value instead of a get and a set.
  private slots = new Map<string, number>();
  private counts = new Float64Array(16);
  private other = 0;

  constructor(cap: number) {
    this.cap = cap;
  }

  /** Counts one value. */
  add(value: string): void {
    const slot = this.slots.get(value);
    if (slot !== undefined) {
      this.counts[slot]++;
      return;
    }
    if (this.cap === 0) {
      this.other++;
      return;
    }
    if (this.slots.size >= 2 * this.cap) this.prune();
    const n = this.slots.size;
    if (n === this.counts.length) {
      const grown = new Float64Array(2 * n);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.slots.set(value, n);
    this.counts[n] = 1;
  }

  /** The serialisable summary: at most `cap` values, most frequent first. */
  toSummary(): CategoricalSummary {
    return capSummary(this.ordered(), this.cap);
  }

  private ordered(): CategoricalSummary {
    const pairs: Array<[string, number]> = [];
    for (const [value, slot] of this.slots) pairs.push([value, this.counts[slot]]);
    sortPairs(pairs);
    return { values: pairs.map((p) => p[0]), counts: pairs.map((p) => p[1]), other: this.other };
  }

  private prune(): void {
    const s = capSummary(this.ordered(), this.cap);
    this.slots = new Map();
    this.counts.fill(0);
    for (let i = 0; i < s.values.length; i++) {
      this.slots.set(s.values[i], i);
      this.counts[i] = s.counts[i];
    }
    this.other = s.other;
  }
}

/** Orders value/count pairs by count descending, then value in code-unit order. */
function sortPairs(pairs: Array<[string, number]>): void {
  pairs.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

function fromMap(counts: Map<string, number>, other: number): CategoricalSummary {
  const pairs = [...counts];
  sortPairs(pairs);
  return { values: pairs.map((p) => p[0]), counts: pairs.map((p) => p[1]), other };
}

/** Keeps the `cap` most frequent values of an ordered summary; the rest's rows go to `other`. */
function capSummary(s: CategoricalSummary, cap: number): CategoricalSummary {
  if (s.values.length <= cap) return s;
  let other = s.other;
  for (let i = cap; i < s.counts.length; i++) other += s.counts[i];
  return { values: s.values.slice(0, cap), counts: s.counts.slice(0, cap), other };
}

/**
 * Sum of two categorical summaries, capped again (exact while the union fits under the cap).
 * Commutative: the result is ordered by count then value, whatever the argument order.
 *
 * @example
 * mergeCategorical({ values: ["a"], counts: [1], other: 0 }, { values: ["a", "b"], counts: [1, 5], other: 2 }, 1000);
 * // { values: ["b", "a"], counts: [5, 2], other: 2 }
 */
export function mergeCategorical(a: CategoricalSummary, b: CategoricalSummary, cap: number): CategoricalSummary {
  const m = new Map<string, number>();
  for (let i = 0; i < a.values.length; i++) m.set(a.values[i], a.counts[i]);
  for (let i = 0; i < b.values.length; i++) m.set(b.values[i], (m.get(b.values[i]) ?? 0) + b.counts[i]);
  return summaryOfCounts(m, a.other + b.other, cap);
}

/**
 * The summary of summed counts: the `cap` most frequent values (ties by value), the rest's rows
 * added to `other`.
 *
 * @example
 * summaryOfCounts(new Map([["a", 1], ["b", 5], ["c", 2]]), 0, 2); // { values: ["b", "c"], counts: [5, 2], other: 1 }
 */
export function summaryOfCounts(counts: Map<string, number>, other: number, cap: number): CategoricalSummary {
  return capSummary(fromMap(counts, other), cap);
}

/** Rows counted by a categorical summary (listed values and other). @example categoricalTotal({ values: ["a"], counts: [2], other: 1 }); // 3 */
export function categoricalTotal(s: CategoricalSummary): number {
  let t = s.other;
  for (const c of s.counts) t += c;
  return t;
}
