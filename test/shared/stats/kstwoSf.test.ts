// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py
// (scipy.stats.kstwo.sf over a grid of n and d that reaches every branch of _kolmogn).
import { describe, expect, it } from "vitest";
import {
  kolmogorovDurbin,
  kolmogorovPelzGood,
  kolmogorovPomeranz,
  kstwoSf,
} from "../../../shared/stats/index.ts";
import { ORACLE, expectPValue } from "./oracle.ts";

describe("kstwoSf", () => {
  it("returns the documented examples", () => {
    expect(kstwoSf(0.1, 100)).toBe(0.2526927570063875);
    expect(kstwoSf(0.02, 5000)).toBe(0.03613941395325637);
  });

  for (const [d, n, expected] of ORACLE.special.kstwoSf) {
    it(`agrees with scipy.stats.kstwo.sf(${d}, ${n})`, () => {
      // Branch by branch the port agrees to ~2e-13 relative (Pomeranz's convolutions sum in
      // a different order; scipy's Durbin matrix silently runs in x87 long double).
      expectPValue(kstwoSf(d, n), expected, `d = ${d}, n = ${n}`);
    });
  }

  it("is 1 at d ≤ 1/(2n), 0 at d ≥ 1 and NaN for a non-integer n", () => {
    expect(kstwoSf(0.05, 10)).toBe(1);
    expect(kstwoSf(1, 10)).toBe(0);
    expect(kstwoSf(0.3, 10.5)).toBeNaN();
  });
});

describe("kolmogorovDurbin", () => {
  it("returns the documented example", () => {
    expect(kolmogorovDurbin(10, 0.274)).toBe(0.6284796154565043);
  });

  it("is 0 for n·d ≤ 1/2 and 1 for d ≥ 1", () => {
    expect(kolmogorovDurbin(10, 0.05)).toBe(0);
    expect(kolmogorovDurbin(10, 1)).toBe(1);
  });
});

describe("kolmogorovPomeranz", () => {
  it("returns the documented example", () => {
    expect(kolmogorovPomeranz(10, 0.3)).toBe(0.7294644252000005);
  });

  it("agrees with the Durbin matrix algorithm where both apply", () => {
    for (const [n, d] of [[10, 0.3], [40, 0.2], [100, 0.12]]) {
      expect(Math.abs(kolmogorovPomeranz(n, d) - kolmogorovDurbin(n, d))).toBeLessThan(1e-13);
    }
  });
});

describe("kolmogorovPelzGood", () => {
  it("returns the documented example", () => {
    expect(kolmogorovPelzGood(1000, 0.03)).toBe(0.6773097856085364);
  });

  it("approximates the exact CDF to O(1/n²)", () => {
    expect(Math.abs(kolmogorovPelzGood(1000, 0.03) - kolmogorovDurbin(1000, 0.03))).toBeLessThan(1e-6);
  });
});
