// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.spatial.distance.jensenshannon(r, c), natural logarithm).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_JENSEN_SHANNON, jensenShannon } from "../../../shared/stats/index.ts";
import { BINNED_CASES } from "./binned.ts";
import { STAT_REL, expectClose } from "./oracle.ts";

const pair = fc
  .integer({ min: 1, max: 30 })
  .chain((k) => fc.tuple(fc.array(fc.nat(1000), { minLength: k, maxLength: k }), fc.array(fc.nat(1000), { minLength: k, maxLength: k })))
  .filter(([a, b]) => a.some((x) => x > 0) && b.some((x) => x > 0));

describe("jensenShannon", () => {
  it("returns the documented examples", () => {
    expect(jensenShannon([1, 0], [0, 1])).toBe(0.8325546111576977);
    expect(jensenShannon([3, 1], [1, 3])).toBe(0.3616794657443756);
  });

  for (const c of BINNED_CASES) {
    it(`agrees with scipy.spatial.distance.jensenshannon: ${c.name}`, () => {
      expectClose(jensenShannon(c.ref, c.cur), c.jensenshannon, STAT_REL, 0, c.name);
    });
  }

  it("is symmetric", () => {
    fc.assert(fc.property(pair, ([a, b]) => jensenShannon(a, b) === jensenShannon(b, a)));
  });

  it("stays within [0, √ln 2]", () => {
    fc.assert(fc.property(pair, ([a, b]) => {
      const d = jensenShannon(a, b);
      return d >= 0 && d <= MAX_JENSEN_SHANNON;
    }));
    expect(MAX_JENSEN_SHANNON).toBe(Math.sqrt(Math.LN2));
  });

  it("requires at least one bin", () => {
    expect(() => jensenShannon([], [])).toThrow("jensenShannon requires at least one bin");
  });
});
