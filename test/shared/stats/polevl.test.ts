// Cephes' polynomial evaluators, behind the special functions that are checked against
// scipy 1.17 via test/oracles/drift.py.
import { describe, expect, it } from "vitest";
import { p1evl, polevl, ratevl } from "../../../shared/stats/polevl.ts";

describe("polevl", () => {
  it("returns the documented examples", () => {
    expect(polevl(2, [1, 0, -1], 2)).toBe(3);
    expect(p1evl(2, [0, -1], 2)).toBe(3);
    expect(p1evl(3, [1], 1)).toBe(4);
  });
});

describe("ratevl", () => {
  it("returns the documented example", () => {
    expect(ratevl(2, [1, 1], 1, [1, 0], 1)).toBe(1.5);
  });

  it("evaluates in x for |x| ≤ 1 and in 1/x beyond, with the same result", () => {
    const num = [2, -1, 3];
    const den = [1, 4, 1];
    for (const x of [-3, -1, 0.5, 1, 1.5, 40]) {
      const direct = (2 * x * x - x + 3) / (x * x + 4 * x + 1);
      expect(Math.abs(ratevl(x, num, 2, den, 2) - direct)).toBeLessThan(1e-15 * Math.max(1, Math.abs(direct)));
    }
  });
});
