/**
 * Reduces a sequence with a binary operation as a balanced tree of pairwise merges, one item at a
 * time, in O(log n) memory. The tree is the one of merging neighbours level by level ((x0 x1)
 * (x2 x3)…, an odd last item carried up a level): a binary counter of aligned power-of-two blocks,
 * collapsed from the right at the end. So each item takes part in O(log n) merges (rounding error
 * O(log n) for Chan's moment formulas), and a streaming reduce gives the very doubles that the
 * level-by-level tree over the whole array gives. `null` items are identities: merge(x, null) = x.
 *
 * @example
 * const t = new PairwiseTree<number>((a, b) => a + b);
 * [1, 2, null, 4].forEach((x) => t.push(x));
 * t.result(); // ((1 + 2) + 4) = 7
 */
export class PairwiseTree<T> {
  private readonly merge: (a: T, b: T) => T;
  // The open blocks, oldest (largest) first: their sizes in items, and their reductions.
  private readonly sizes: number[] = [];
  private readonly values: Array<T | null> = [];
  private pushed = 0;

  constructor(merge: (a: T, b: T) => T) {
    this.merge = merge;
  }

  /** Items pushed so far (nulls included). */
  get length(): number {
    return this.pushed;
  }

  /** Appends one item (null: nothing, but it still takes its place in the tree). */
  push(x: T | null): void {
    this.pushed++;
    let size = 1;
    let value = x;
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      this.sizes.pop();
      value = this.combine(this.values.pop() as T | null, value);
      size *= 2;
    }
    this.sizes.push(size);
    this.values.push(value);
  }

  /** Appends nulls until `n` items have been pushed. */
  padTo(n: number): void {
    while (this.pushed < n) this.push(null);
  }

  /** The reduction of everything pushed (null when every item was null or none was pushed). */
  result(): T | null {
    let acc: T | null = null;
    for (let i = this.values.length - 1; i >= 0; i--) acc = this.combine(this.values[i], acc);
    return acc;
  }

  private combine(a: T | null, b: T | null): T | null {
    if (a === null) return b;
    if (b === null) return a;
    return this.merge(a, b);
  }
}
