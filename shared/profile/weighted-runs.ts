/**
 * Sorting and summing weighted values that arrive as sorted runs (the distributions of many
 * partials): a bottom-up merge of the runs, O(n log k) for k runs, and a merge that sums the
 * weights of equal values. Both work on parallel typed arrays and allocate only when a scratch
 * array must grow. While every weight is 1 (distinct values: the common case for continuous
 * features) weights are neither stored nor moved, which makes the sort about a third faster.
 *
 * @example
 * const b = new WeightedRuns(8);
 * b.append([3, 5], [1, 1]); b.append([1, 5], [2, 1]);
 * b.sort(); // b.values [1, 3, 5, 5], b.weights [2, 1, 1, 1]
 */
export class WeightedRuns {
  values: Float64Array;
  /** The weights, unless `unitWeights` (then every weight is 1 and this array is stale). */
  weights: Float64Array;
  /** Entries held. */
  length = 0;
  /** True while every weight appended is 1. */
  unitWeights = true;
  // Start of every run after the first, then the end: run i is [starts[i-1] or 0, starts[i]).
  private starts: number[] = [];
  private spareValues: Float64Array;
  private spareWeights: Float64Array;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
    this.spareValues = new Float64Array(0);
    this.spareWeights = new Float64Array(0);
  }

  /** Room left before the capacity must grow. */
  get free(): number {
    return this.values.length - this.length;
  }

  /** Appends one run sorted by value (then weight), growing the arrays if needed. */
  append(values: ArrayLike<number>, weights: ArrayLike<number>): void {
    const n = values.length;
    if (n === 0) return;
    if (this.free < n) this.grow(this.length + n);
    const v = this.values;
    const start = this.length;
    for (let i = 0; i < n; i++) v[start + i] = values[i] + 0; // -0 → 0, as the builders count it
    if (this.unitWeights) {
      let ones = true;
      for (let i = 0; i < n && ones; i++) ones = weights[i] === 1;
      if (!ones) this.weighted();
    }
    if (!this.unitWeights) {
      const w = this.weights;
      for (let i = 0; i < n; i++) w[start + i] = weights[i];
    }
    if (start > 0) this.starts.push(start);
    this.length = start + n;
  }

  /** Sorts the entries by value (ties by weight) as one run. */
  sort(): void {
    const n = this.length;
    let bounds = [...this.starts, n];
    if (bounds.length === 1) return;
    if (this.spareValues.length < this.values.length) {
      this.spareValues = new Float64Array(this.values.length);
      this.spareWeights = new Float64Array(this.values.length);
    }
    let sv = this.values;
    let sw = this.weights;
    let dv = this.spareValues;
    let dw = this.spareWeights;
    const unit = this.unitWeights;
    while (bounds.length > 1) {
      const next: number[] = [];
      let lo = 0;
      for (let r = 0; r < bounds.length; r += 2) {
        const mid = bounds[r];
        const hi = r + 1 < bounds.length ? bounds[r + 1] : mid;
        if (unit) mergeValues(sv, lo, mid, hi, dv);
        else mergeTwo(sv, sw, lo, mid, hi, dv, dw);
        next.push(hi);
        lo = hi;
      }
      bounds = next;
      const tv = sv; sv = dv; dv = tv;
      const tw = sw; sw = dw; dw = tw;
    }
    this.values = sv;
    this.weights = sw;
    this.spareValues = dv;
    this.spareWeights = dw;
    this.starts = [];
  }

  /** Empties the runs, keeping the arrays. */
  clear(): void {
    this.length = 0;
    this.starts = [];
    this.unitWeights = true;
  }

  /** Leaves unit-weight mode: the weights so far are written out as 1. */
  private weighted(): void {
    this.weights.fill(1, 0, this.length);
    this.unitWeights = false;
  }

  private grow(needed: number): void {
    let size = Math.max(16, this.values.length);
    while (size < needed) size *= 2;
    const v = new Float64Array(size);
    const w = new Float64Array(size);
    v.set(this.values.subarray(0, this.length));
    w.set(this.weights.subarray(0, this.length));
    this.values = v;
    this.weights = w;
  }
}

/** Merges the sorted runs [lo, mid) and [mid, hi) of sv into dv at the same positions. */
function mergeValues(sv: Float64Array, lo: number, mid: number, hi: number, dv: Float64Array): void {
  let i = lo;
  let j = mid;
  let o = lo;
  if (i < mid && j < hi) {
    let x = sv[i];
    let y = sv[j];
    for (;;) {
      if (y < x) {
        dv[o++] = y;
        if (++j === hi) break;
        y = sv[j];
      } else {
        dv[o++] = x;
        if (++i === mid) break;
        x = sv[i];
      }
    }
  }
  for (; i < mid; i++, o++) dv[o] = sv[i];
  for (; j < hi; j++, o++) dv[o] = sv[j];
}

/** Merges the sorted runs [lo, mid) and [mid, hi) of sv/sw into dv/dw at the same positions. */
function mergeTwo(sv: Float64Array, sw: Float64Array, lo: number, mid: number, hi: number, dv: Float64Array, dw: Float64Array): void {
  let i = lo;
  let j = mid;
  let o = lo;
  if (i < mid && j < hi) {
    let x = sv[i];
    let y = sv[j];
    for (;;) {
      if (y < x || (y === x && sw[j] < sw[i])) {
        dv[o] = y;
        dw[o++] = sw[j];
        if (++j === hi) break;
        y = sv[j];
      } else {
        dv[o] = x;
        dw[o++] = sw[i];
        if (++i === mid) break;
        x = sv[i];
      }
    }
  }
  for (; i < mid; i++, o++) { dv[o] = sv[i]; dw[o] = sw[i]; }
  for (; j < hi; j++, o++) { dv[o] = sv[j]; dw[o] = sw[j]; }
}

/**
 * Merges a strictly increasing (values, weights) union of length `un` with a sorted run of length
 * `bn` (weights `bw`, or all 1 when null), summing the weights of equal values, into out (which
 * must hold un + bn entries and alias neither input). Returns the entries written: a strictly
 * increasing union.
 *
 * @example
 * sumSorted(Float64Array.of(1, 2), Float64Array.of(1, 1), 2, Float64Array.of(2, 2, 3), Float64Array.of(1, 1, 1), 3, outV, outW); // 3: [1, 2, 3] × [1, 3, 1]
 */
export function sumSorted(
  uv: Float64Array, uw: Float64Array, un: number, bv: Float64Array, bw: Float64Array | null, bn: number, ov: Float64Array, ow: Float64Array,
): number {
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < un || j < bn) {
    let v: number;
    let w: number;
    if (j >= bn || (i < un && uv[i] <= bv[j])) { v = uv[i]; w = uw[i++]; }
    else { v = bv[j]; w = bw === null ? 1 : bw[j]; j++; }
    if (o > 0 && ov[o - 1] === v) ow[o - 1] += w;
    else { ov[o] = v; ow[o++] = w; }
  }
  return o;
}
