import { describe, expect, it } from "vitest";
import { columnOf } from "./support/build.ts";

describe("column summary", () => {
  it("counts present values and nulls, null and empty string alike", () => {
    const c = columnOf([1, null, "", "a"]);
    expect([c.present, c.nulls]).toEqual([4, 2]);
  });

  it("counts NaN and infinities apart from finite values", () => {
    const n = columnOf([1, NaN, Infinity, -Infinity, -Infinity, -2]).numeric!;
    expect([n.count, n.nan, n.posInf, n.negInf, n.negatives]).toEqual([2, 1, 1, 2, 3]);
    expect([n.min, n.max, n.mean]).toEqual([-2, 1, -0.5]);
  });

  it("keeps moments by batches combined with Chan's formula", () => {
    const n = columnOf([2, 4, 4, 4, 5, 5, 7, 9]).numeric!;
    expect(n.mean).toBe(5);
    expect(n.m2).toBeCloseTo(32, 12);
    // Across batches of 256 (numpy: mean 49.5, var·n = 8332.5 per 0..99 cycle → 1000 values: 833250).
    const many = columnOf(Array.from({ length: 1000 }, (_, i) => i % 100)).numeric!;
    expect(many.mean).toBeCloseTo(49.5, 12);
    expect(many.m2).toBeCloseTo(833_250, 6);
  });

  it("gives a mean of +0, not -0, when tiny negatives and zeros round to zero (JSON keeps no sign of zero)", () => {
    expect(Object.is(columnOf([-5e-324, 0]).numeric!.mean, 0)).toBe(true);
  });

  it("takes Welford's update for a batch whose sum overflows", () => {
    const n = columnOf([1.7e308, 1.7e308, 1.7e308]).numeric!;
    expect(n.mean).toBe(1.7e308);
    expect(n.m2).toBe(0);
  });

  it("keeps every distinct finite value with its count up to the cap", () => {
    const n = columnOf([3, 1, 3, -0, 0, 2.5], { exactDistinctCap: 4 }).numeric!;
    expect(n.distribution).toEqual({ kind: "exact", values: [0, 1, 2.5, 3], counts: [2, 1, 1, 2] });
  });

  it("switches to a t-digest with exact min, max and weight past the cap", () => {
    const n = columnOf([5, 1, 2, 3, 4, 1, 9], { exactDistinctCap: 4 }).numeric!;
    const d = n.distribution;
    expect(d.kind).toBe("tdigest");
    if (d.kind !== "tdigest") return;
    expect([d.min, d.max, d.weights.reduce((a, b) => a + b, 0)]).toEqual([1, 9, 7]);
  });

  it("counts strings and booleans as categories, booleans as true and false", () => {
    expect(columnOf(["b", true, "a", "b", false, true, true]).categorical).toEqual(
      { values: ["true", "b", "a", "false"], counts: [3, 2, 1, 1], other: 0 });
  });

  it("does not parse numeric strings", () => {
    const c = columnOf(["1", "2"]);
    expect(c.numeric).toBeNull();
    expect(c.categorical!.values).toEqual(["1", "2"]);
  });

  it("bins numbers over (−∞, e1), [e1, e2), …, [e_last, +∞), ±∞ included and NaN left out", () => {
    const h = columnOf([-Infinity, -1, 0, 0.5, 1, 2, 3, Infinity, NaN, "x"], { binEdges: { x: [0, 1, 3] } }).histogram;
    expect(h).toEqual({ edges: [0, 1, 3], counts: [2, 2, 2, 2] });
  });

  it("bins with binary search when there are many edges", () => {
    const edges = Array.from({ length: 40 }, (_, i) => i);
    const h = columnOf([-1, 0, 0.5, 17, 39, 40], { binEdges: { x: edges } }).histogram!;
    expect(h.counts[0]).toBe(1);
    expect(h.counts[1]).toBe(2);
    expect(h.counts[18]).toBe(1);
    expect(h.counts[40]).toBe(2);
  });

  it("has no numeric part without numbers and no categorical part without text", () => {
    expect(columnOf(["a"]).numeric).toBeNull();
    expect(columnOf([1]).categorical).toBeNull();
  });
});
