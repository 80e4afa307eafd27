// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.entropy(c, r) after replacing proportions of 0 with 0.0001).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kl } from "../../../shared/stats/index.ts";
import { BINNED_CASES } from "./binned.ts";
import { STAT_REL, expectClose } from "./oracle.ts";

describe("kl", () => {
  it("returns the documented examples", () => {
    expect(kl([1, 1], [1, 1])).toBe(0);
    expect(kl([3, 1], [1, 3])).toBe(0.5493061443340548);
  });

  for (const c of BINNED_CASES) {
    it(`agrees with scipy.stats.entropy: ${c.name}`, () => {
      expectClose(kl(c.ref, c.cur), c.kl, STAT_REL, 0, c.name);
    });
  }

  it("is finite when the current data fills a bin the reference left empty", () => {
    expect(Number.isFinite(kl([10, 0], [5, 5]))).toBe(true);
  });

  it("is non-negative", () => {
    const counts = fc.array(fc.nat(500), { minLength: 3, maxLength: 3 }).filter((a) => a.some((x) => x > 0));
    fc.assert(fc.property(counts, counts, (a, b) => kl(a, b) >= -1e-15));
  });

  it("requires at least one bin", () => {
    expect(() => kl([], [])).toThrow("kl requires at least one bin");
  });
});
