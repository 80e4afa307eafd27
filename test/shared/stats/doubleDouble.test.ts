// Double-double arithmetic behind smirnovSf (whose values are checked against scipy 1.17 via
// test/oracles/drift.py); here its own invariants.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dd, ddAdd, ddDiv, ddFloor, ddFrexp, ddMul, ddMulNumber, ddSub, ddToNumber, frexp, ldexp } from "../../../shared/stats/doubleDouble.ts";

describe("double-double arithmetic", () => {
  it("returns the documented example", () => {
    expect(ddToNumber(ddAdd(dd(1), dd(1e-20)))).toBe(1);
    expect(ddAdd(dd(1), dd(1e-20)).lo).toBe(1e-20);
  });

  it("keeps the exact error of a double product", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }), (a, b, c) => {
        // (a·2^26 + b)·c is exact in 106 bits but not in 53.
        const x = a * 2 ** 26 + b;
        const p = ddMulNumber(dd(x), c);
        return BigInt(p.hi) + BigInt(p.lo) === BigInt(x) * BigInt(c);
      }),
    );
  });

  it("divides to ~106 bits", () => {
    const third = ddDiv(dd(1), dd(3));
    const back = ddMul(third, dd(3));
    expect(Math.abs(ddSub(back, dd(1)).hi)).toBeLessThan(1e-31);
  });

  it("floors and splits like C's floor and frexp", () => {
    expect(ddFloor(dd(5, -1e-20))).toEqual({ hi: 4, lo: 0 });
    expect(ddFloor(dd(5.5, 1e-20))).toEqual({ hi: 5, lo: 0 });
    expect(frexp(8)).toEqual([0.5, 4]);
    expect(frexp(-0.75)).toEqual([-0.75, 0]);
    expect(frexp(5e-324)).toEqual([0.5, -1073]);
    expect(ldexp(0.5, 1100)).toBe(2 ** 1099);
    const { m, e } = ddFrexp(dd(0.5, -1e-20));
    expect([m.hi, e]).toEqual([1, -1]);
  });
});
